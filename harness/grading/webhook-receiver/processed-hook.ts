import { exec } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { type Dispatcher, request } from 'undici';
import { z } from 'zod';
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

/**
 * Polls the hook until every id in `expected` appears or `waitMs` passes, then reads it once more
 * after a short grace so that late duplicate processing is seen too.
 */
export async function waitForProcessed(
  hook: ProcessedEventsHook,
  dispatcher: Dispatcher,
  expected: readonly string[],
  waitMs: number,
): Promise<HookReading> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const reading = await readProcessedEvents(hook, dispatcher);
    if (!reading.ok) return reading;
    if (expected.every((id) => reading.eventIds.includes(id)) || Date.now() >= deadline) break;
    await sleep(50);
  }
  await sleep(Math.min(250, waitMs));
  return readProcessedEvents(hook, dispatcher);
}

/** How many times the hook lists an event id. */
export const timesProcessed = (reading: Extract<HookReading, { ok: true }>, eventId: string): number =>
  reading.eventIds.filter((id) => id === eventId).length;
