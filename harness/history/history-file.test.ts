import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../packet/monitor-schema.js';
import { appendHistory, HISTORY_FILE_NAME, readHistory } from './history-file.js';

const entry = (runId: string, fail = 0): HistoryEntry => ({
  runId,
  startedAt: '2026-11-30T01:00:00.000Z',
  mode: 'smoke',
  target: 'production',
  verdict: 'not_ready',
  servedHash: '0123456789abcdef',
  checks: { pass: 5, fail, notRun: 3 },
  durationMs: 900,
  p95Ms: 12.5,
  stopsCutover: 0,
});

describe('run history', () => {
  it('appends one line per run and reads the last ones back, oldest first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dc-history-'));
    expect(await readHistory(dir)).toEqual({ entries: [], skipped: 0 });
    for (const id of ['a', 'b', 'c']) await appendHistory(dir, entry(id));
    expect((await readHistory(dir)).entries.map((item) => item.runId)).toEqual(['a', 'b', 'c']);
    expect((await readHistory(dir, 2)).entries.map((item) => item.runId)).toEqual(['b', 'c']);
  });

  it('skips and counts a line that is not a history entry instead of failing the run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dc-history-'));
    await appendHistory(dir, entry('a'));
    appendFileSync(join(dir, HISTORY_FILE_NAME), '{"runId": "cut sh\n');
    await appendHistory(dir, entry('b', 1));
    expect(await readHistory(dir)).toEqual({ entries: [entry('a'), entry('b', 1)], skipped: 1 });
  });
});
