import { describe, expect, it } from 'vitest';
import type { CallMetadata } from '../client/metadata.js';
import type { LogFields } from '../packet/schema.js';
import type { Outcome } from '../rehearsal/observations.js';
import { healthCheck, timeBudgetCheck } from './health-budget.js';

const meta = (status: number | null, durationMs = 5) => ({ status, durationMs, requestId: 'req_1' }) as CallMetadata;
const ok: Outcome<{ status: string }> = { ok: true, value: { status: 'ok' }, meta: meta(200) };
const down: Outcome<{ status: string }> = {
  ok: false,
  error: { name: 'DutyClaimsServerError', code: 'service_unavailable', message: 'down' },
  meta: meta(503),
};
const call = (durationMs: number, route = '/health'): LogFields =>
  ({ method: 'GET', route, durationMs, requestId: `req_${durationMs}` }) as LogFields;
const budget = { runBudgetMs: 60_000, callBudgetMs: 10_000, p95BudgetMs: 1_000 };

describe('healthCheck', () => {
  it('passes when every health call answered, fails naming the error when one did not', () => {
    expect(healthCheck([ok, ok]).verdict).toBe('pass');
    const failed = healthCheck([ok, down]);
    expect(failed.verdict).toBe('fail');
    expect(failed.detail).toContain('service_unavailable');
    expect(failed.evidence).toContain('GET /health -> 503 service_unavailable (req_1)');
  });

  it('is not run, never pass, when no health call was sent', () => {
    expect(healthCheck([])).toMatchObject({ verdict: 'not_run', detail: expect.stringMatching(/^Not run/) });
  });
});

describe('timeBudgetCheck', () => {
  it('passes a quick run and names each budget it broke', () => {
    expect(timeBudgetCheck(500, [call(5), call(8)], budget).verdict).toBe('pass');
    expect(timeBudgetCheck(120_000, [call(5)], budget).detail).toMatch(/the run took 2 min 0 s, over its budget/);
    const slowCall = timeBudgetCheck(500, [call(5), call(12_000, '/v1/webhook-deliveries')], budget);
    expect(slowCall.verdict).toBe('fail');
    expect(slowCall.detail).toMatch(
      /1 call over the per-call budget of 10\.0 s: GET \/v1\/webhook-deliveries took 12\.0 s \(req_12000\)/,
    );
    expect(timeBudgetCheck(500, [call(5), call(1_500)], budget).detail).toMatch(
      /p95 latency 1\.5 s is over its budget of 1\.0 s/,
    );
  });

  it('is not run when there was nothing to time', () => {
    expect(timeBudgetCheck(10, [], budget).verdict).toBe('not_run');
  });
});
