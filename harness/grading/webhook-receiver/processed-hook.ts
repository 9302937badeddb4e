import { exec } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import type { Dispatcher } from 'undici';
import { z } from 'zod';
import { request } from '../../http/undici.js';
import type { ProcessedEventsHook } from './options.js';

const run = promisify(exec);
const HOOK_TIMEOUT_MS = 10_000;

/** What the processed-events hook said: one entry per time an event was processed. */
export type HookReading =
  | { readonly ok: true; readonly source: string; readonly eventIds: readonly string[] }
  | { readonly ok: false; readonly source: string; readonly problem: string };

const Entry = z.union([
  z.string().min(1),
  z.object({ eventId: z.string().min(1) }).transform((entry) => entry.eventId),
]);
const HookBody = z.union([z.array(Entry), z.object({ processed: z.array(Entry) }).transform((body) => body.processed)]);

/**
 * Parses a hook's output: a JSON array of event ids (or of `{eventId}` objects), `{"processed": [...]}`,
 * or plain text with one event id per line. Returns null when it is none of these.
 */
export function parseProcessedEvents(text: string): string[] | null {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    try {
      const parsed = HookBody.safeParse(JSON.parse(trimmed));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }
  const lines = trimmed.split(/\r?\n/).map((line) => line.trim());
  return lines.every((line) => line === '' || /^\S+$/.test(line)) ? lines.filter((line) => line !== '') : null;
}

const FORMAT_HINT = 'Answer with a JSON array of event ids, {"processed": [...]}, or one id per line.';

/** Where the hook reads from, for evidence. */
export const describeHook = (hook: ProcessedEventsHook): string =>
  hook.kind === 'url' ? `GET ${hook.url.href}` : `command \`${hook.command}\``;

/** Reads the hook once; never throws. */
export async function readProcessedEvents(hook: ProcessedEventsHook, dispatcher: Dispatcher): Promise<HookReading> {
  const source = describeHook(hook);
  let text: string;
  try {
    if (hook.kind === 'url') {
      const response = await request(hook.url, { dispatcher, signal: AbortSignal.timeout(HOOK_TIMEOUT_MS) });
      text = await response.body.text();
      if (response.statusCode !== 200)
        return {
          ok: false,
          source,
          problem: `the hook answered ${response.statusCode}; it must answer 200. ${FORMAT_HINT}`,
        };
    } else {
      text = (await run(hook.command, { timeout: HOOK_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 })).stdout;
    }
  } catch (error) {
    return { ok: false, source, problem: `the hook could not be read: ${(error as Error).message.split('\n')[0]}` };
  }
  const eventIds = parseProcessedEvents(text);
  if (eventIds === null)
    return { ok: false, source, problem: `the hook's output is not a list of event ids. ${FORMAT_HINT}` };
  return { ok: true, source, eventIds };
}

/** The hook's last reading and whether every expected event showed up before the wait ran out. */
export interface ProcessingWait {
  readonly reading: HookReading;
  /** True when every expected id was listed; false when the wait ended first (slow worker or never processed). */
  readonly complete: boolean;
}

/**
 * Polls the hook until every id in `expected` is listed and the listing has not changed for `quietMs`
 * (longer than one work item, so a background worker that processes a duplicate later is seen), or
 * until `waitMs` has passed.
 */
export async function waitForProcessed(
  hook: ProcessedEventsHook,
  dispatcher: Dispatcher,
  expected: readonly string[],
  timing: { readonly waitMs: number; readonly quietMs: number },
): Promise<ProcessingWait> {
  const started = performance.now();
  let listing = '';
  let changedAt = started;
  for (;;) {
    const reading = await readProcessedEvents(hook, dispatcher);
    if (!reading.ok) return { reading, complete: false };
    const now = performance.now();
    const current = reading.eventIds.join('\n');
    if (current !== listing) [listing, changedAt] = [current, now];
    const complete = expected.every((id) => reading.eventIds.includes(id));
    if ((complete && now - changedAt >= timing.quietMs) || now - started >= timing.waitMs) return { reading, complete };
    await sleep(Math.min(100, Math.max(10, timing.quietMs / 4)));
  }
}

/** How many times the hook lists an event id. */
export const timesProcessed = (reading: Extract<HookReading, { ok: true }>, eventId: string): number =>
  reading.eventIds.filter((id) => id === eventId).length;
