import { describe, expect, it } from 'vitest';
import type { GradeCheck } from '../shared/report.js';
import { excuseCongestedBackoff } from './congestion.js';
import { gradeCheck } from './grade-check.js';

const backoffFail = gradeCheck('backoff-grows-with-jitter', 'fail', 'the delay does not grow (1.02x)', [
  'retry 1: ...',
]);
const concurrency = (verdict: GradeCheck['verdict']) => gradeCheck('concurrency-bound', verdict, 'peak', ['peak line']);

describe('excuseCongestedBackoff', () => {
  it('turns a failed backoff into not graded when the client exceeded its declared bound', () => {
    const [backoff, bound] = excuseCongestedBackoff([backoffFail, concurrency('fail')], 26);
    expect(backoff?.verdict).toBe('not_graded');
    expect(backoff?.reason).toMatch(/up to 26 requests were in flight.*bound the fan-out.*the delay does not grow/);
    expect(backoff?.evidence).toEqual(backoffFail.evidence);
    expect(bound?.verdict).toBe('fail');
  });

  it('does the same when no bound was declared and far more than a pool were in flight', () => {
    expect(excuseCongestedBackoff([backoffFail, concurrency('not_graded')], 20)[0]?.verdict).toBe('not_graded');
  });

  it('keeps the failure of a client within its bound, or with a small undeclared fan-out', () => {
    expect(excuseCongestedBackoff([backoffFail, concurrency('pass')], 4)[0]?.verdict).toBe('fail');
    expect(excuseCongestedBackoff([backoffFail, concurrency('not_graded')], 6)[0]?.verdict).toBe('fail');
  });

  it('never touches a passing backoff or any other check', () => {
    const pass = gradeCheck('backoff-grows-with-jitter', 'pass', 'grows', ['line']);
    const other = gradeCheck('correlation-id', 'fail', 'shared', ['line']);
    expect(excuseCongestedBackoff([pass, other, concurrency('fail')], 30)).toEqual([pass, other, concurrency('fail')]);
  });
});
