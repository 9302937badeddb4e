import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startWaitProgress } from './wait-progress.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('startWaitProgress without a terminal', () => {
  it('prints a line every few seconds while one thing still runs, and nothing for quick steps', () => {
    const lines: string[] = [];
    using progress = startWaitProgress({ writeLine: (line) => lines.push(line), now: Date.now });
    progress.running('step 1 GET /v1/partner-organizations/{partnerOrgId}');
    vi.advanceTimersByTime(1_000);
    progress.running('step 5 GET /v1/clients/{clientId}/authority');
    vi.advanceTimersByTime(4_000);
    expect(lines).toEqual([]);
    vi.advanceTimersByTime(11_000);
    expect(lines).toEqual([
      '  … still running step 5 GET /v1/clients/{clientId}/authority (5 s)',
      '  … still running step 5 GET /v1/clients/{clientId}/authority (10 s)',
      '  … still running step 5 GET /v1/clients/{clientId}/authority (15 s)',
    ]);
    progress.stop();
    vi.advanceTimersByTime(30_000);
    expect(lines).toHaveLength(3);
  });
});

describe('startWaitProgress in a terminal', () => {
  it('draws a spinner with the elapsed time and erases it before other output', () => {
    const raw: string[] = [];
    const lines: string[] = [];
    const progress = startWaitProgress({
      writeLine: (line) => lines.push(line),
      writeRaw: (text) => raw.push(text),
      now: Date.now,
    });
    progress.running('step 7 GET /v1/claims/{claimId}/status');
    vi.advanceTimersByTime(2_040);
    expect(lines).toEqual([]);
    const frame = raw.at(-1) ?? '';
    expect(frame.startsWith('\r\x1b[K')).toBe(true);
    expect(frame.slice(4)).toMatch(/^\S step 7 GET \/v1\/claims\/\{claimId\}\/status \(2 s\)$/);
    progress.clear();
    expect(raw.at(-1)).toBe('\r\x1b[K');
    progress.stop();
    const drawn = raw.length;
    vi.advanceTimersByTime(5_000);
    expect(raw).toHaveLength(drawn);
  });
});
