import { describe, expect, it } from 'vitest';
import { trendSvg } from './html-trend.js';
import type { HistoryEntry } from './monitor-schema.js';

const run = (runId: string, p95Ms: number | null, fail = 0, stopsCutover = 0): HistoryEntry => ({
  runId,
  startedAt: '2026-11-30T01:00:00.000Z',
  mode: 'smoke',
  target: 'production',
  verdict: 'not_ready',
  servedHash: null,
  checks: { pass: 4, fail, notRun: 2 },
  durationMs: 800,
  p95Ms,
  stopsCutover,
});

describe('trendSvg', () => {
  it('draws one bar per run, scaled to the slowest p95, red for a failed check or drift that stops the cutover', () => {
    const svg = trendSvg([run('r1', 10), run('r2', 40, 1), run('r3', 20, 0, 1), run('r4', null)]).value;
    expect(svg.match(/<rect /g)).toHaveLength(4);
    expect(svg).toMatch(/data-run="r2" data-outcome="fail"/);
    expect(svg).toMatch(/data-run="r3" data-outcome="fail"/);
    expect(svg).toMatch(/data-run="r1" data-outcome="pass"/);
    expect(svg).toMatch(/y="4" width="[\d.]+" height="76" fill="#b42318" data-run="r2"/);
    expect(svg).toContain(
      '<title>2026-11-30T01:00:00.000Z run r4: not_ready, 4 passed, 0 failed, 2 not run, p95 none ms',
    );
    expect(svg).not.toMatch(/<script|on\w+=/i);
  });

  it('escapes what it shows and draws nothing without a history', () => {
    expect(trendSvg([run('<b>', 5)]).value).toContain('run &lt;b&gt;');
    expect(trendSvg([]).value).toBe('');
  });
});
