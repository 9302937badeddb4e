import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { driftStopsCutover } from '../drift/drift-section.js';
import { HistoryEntry } from '../packet/monitor-schema.js';
import type { LaunchPacket } from '../packet/schema.js';

/** The run history's file name inside the output directory. */
export const HISTORY_FILE_NAME = 'history.jsonl';

/** How many earlier runs the HTML trend shows (this run comes on top). */
export const TREND_RUNS = 29;

/** The one history line of a run: verdict, hash, checks (gates and watch together), timings. */
export function historyEntry(packet: LaunchPacket): HistoryEntry {
  const verdicts = [
    ...packet.gates.map((gate) => gate.verdict),
    ...(packet.monitor?.checks ?? []).map((check) => check.verdict),
  ];
  const count = (verdict: string) => verdicts.filter((item) => item === verdict).length;
  return {
    runId: packet.run.id,
    startedAt: packet.run.startedAt,
    mode: packet.run.mode,
    target: packet.target.kind,
    verdict: packet.verdict,
    servedHash: packet.contract.servedHash,
    checks: { pass: count('pass'), fail: count('fail'), notRun: count('not_run') },
    durationMs: packet.run.durationMs,
    p95Ms: packet.snapshot?.latency.p95Ms ?? null,
    stopsCutover: driftStopsCutover(packet.drift)
      ? (packet.drift?.changes.filter((change) => change.stopsCutover).length ?? 0)
      : 0,
  };
}

/**
 * The last `limit` runs of `outDir`'s history, oldest first, read synchronously (see appendHistory).
 * A missing file is an empty history; a line that is not a history entry (hand-edited, cut short by a
 * crash) is skipped and counted, never fatal.
 */
export async function readHistory(
  outDir: string,
  limit = TREND_RUNS,
): Promise<{ entries: HistoryEntry[]; skipped: number }> {
  let text: string;
  try {
    text = readFileSync(join(resolve(outDir), HISTORY_FILE_NAME), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], skipped: 0 };
    throw error;
  }
  const entries: HistoryEntry[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      entries.push(HistoryEntry.parse(JSON.parse(line)));
    } catch {
      skipped += 1;
    }
  }
  return { entries: entries.slice(-limit), skipped };
}

/** Appends one run to `outDir`'s history (one JSON object per line). */
export async function appendHistory(outDir: string, entry: HistoryEntry): Promise<string> {
  // Synchronous, as the packet's files are (write-packet.ts): one short line at the end of a run.
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, HISTORY_FILE_NAME);
  appendFileSync(file, `${JSON.stringify(HistoryEntry.parse(entry))}\n`, 'utf8');
  return file;
}
