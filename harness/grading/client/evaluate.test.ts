import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../reference-mock/index.js';
import { evaluateClientJournal } from './evaluate.js';
import { backoffGrowsWithJitter, countAtFloor, growthFactor, judgeBackoff } from './evaluate-backoff.js';
import { retriesGiveUp } from './evaluate-give-up.js';
import { idempotentWriteRetry, noRetryOn4xx, retryAfterHonoured } from './evaluate-retries.js';
import { paginationToEnd, scenarioCompleted } from './evaluate-scenario.js';
import { timeoutAbandonsHungRequest } from './evaluate-timeout.js';
import { concurrencyBound, correlationId } from './evaluate-traffic.js';
import type { EvaluationContext } from './grade-check.js';
import { viewJournal } from './journal-view.js';
import type { CommandOutcome } from './run-command.js';
import { SCENARIO_JUDGED } from './schedule.js';
import { journalEntries } from './test-support/journal-entry.js';

// Synthetic journals: each test writes the requests a client would send, with arrival times (ms
// from the start) and answers, and reads the verdict the grader gives them.
const entry = journalEntries(5_000_000);
const OPERATIONS: [RegExp, string][] = [
  [/^POST \/v1\/clients$/, 'createClient'],
  [/^POST \/v1\/claims$/, 'createClaim'],
  [/^GET \/v1\/claims\/[^/]+\/status$/, 'getClaimStatus'],
  [/^GET \/v1\/webhook-deliveries$/, 'listWebhookDeliveries'],
  [/^GET \/v1\/clients\/[^/]+\/authority$/, 'getClientAuthority'],
];
function req(t: number, request: string, status: number | null, extra: Partial<JournalEntry> = {}): JournalEntry {
  const [method = 'GET', target = '/'] = request.split(' ');
  const [path = '/', search = ''] = target.split('?');
  return entry(t, {
    method,
    path,
    operationId: OPERATIONS.find(([pattern]) => pattern.test(`${method} ${path}`))?.[1] ?? null,
    query: Object.fromEntries(new URLSearchParams(search)),
    status,
    correlationIdSent: `corr-${request}`,
    idempotencyKey: method === 'POST' ? `key-${request}` : null,
    fault: status !== null && status >= 500 ? 'status' : null,
    ...extra,
  });
}
const ctx = (entries: JournalEntry[], declared: Partial<EvaluationContext['declared']> = {}): EvaluationContext => ({
  view: viewJournal(entries),
  declared: { timeoutMs: 500, maxConcurrency: 4, maxRetries: 6, maxBackoffMs: 10_000, ...declared },
  schedule: { retryAfterSeconds: 1, holdMs: 2000 },
  ...SCENARIO_JUDGED,
  stalls: [],
  giveUpPath: '/v1/clients/cli_gone/authority',
  strategyReads: [],
});
const verdict = (check: { verdict: string }) => check.verdict;

/** Ten operations failing twice, with the given delays before retry 1 and retry 2. */
function chains(first: (i: number) => number, second: (i: number) => number): JournalEntry[] {
  return Array.from({ length: 10 }, (_, i) => {
    const path = `GET /v1/clients/cli_${i}/authority`;
    const t0 = i * 1000;
    const t1 = t0 + 1 + first(i);
    const t2 = t1 + 1 + second(i);
    return [req(t0, path, 503), req(t1, path, null, { fault: 'drop', durationMs: 1 }), req(t2, path, 200)];
  }).flat();
}

describe('idempotent-write-retry', () => {
  it('passes when every attempt of the write keeps its key, fails when a retry changes it', () => {
    const same = [req(0, 'POST /v1/claims', 503), req(100, 'POST /v1/claims', null, { fault: 'drop' })];
    expect(verdict(idempotentWriteRetry(ctx([...same, req(300, 'POST /v1/claims', 202)])))).toBe('pass');
    const changed = req(300, 'POST /v1/claims', 202, { idempotencyKey: 'key-other' });
    const check = idempotentWriteRetry(ctx([...same, changed]));
    expect(check.verdict).toBe('fail');
    expect(check.reason).toContain('different Idempotency-Key');
    expect(check.evidence).toHaveLength(3);
  });

  it('fails a write sent without a key and is not graded when no write was retried', () => {
    const keyless = [req(0, 'POST /v1/claims', 503, { idempotencyKey: null }), req(90, 'POST /v1/claims', 400)];
    expect(idempotentWriteRetry(ctx(keyless)).reason).toContain('without an Idempotency-Key');
    expect(verdict(idempotentWriteRetry(ctx([req(0, 'POST /v1/claims', 202)])))).toBe('not_graded');
  });
});

describe('retry-after-honoured', () => {
  const list = 'GET /v1/webhook-deliveries?limit=5';
  const limited = req(0, list, 429, { fault: 'rate_limit', durationMs: 2 });
  it.each([
    [1002, 'pass'],
    [980, 'pass'], // within the 25 ms tolerance
    [970, 'fail'],
    [100, 'fail'],
  ])('a retry %i ms after the request (the 429 took 2 ms): %s', (t, expected) => {
    const entries = [limited, req(t, list, 200)];
    expect(verdict(retryAfterHonoured(ctx(entries, { timeoutMs: null })))).toBe(expected);
  });

  it('does not judge early a retry that came after the declared timeout (a timeout retry of an unread answer)', () => {
    const check = retryAfterHonoured(ctx([limited, req(520, list, 200)]));
    expect(check.verdict).toBe('pass');
    expect(check.evidence.join('\n')).toMatch(/possibly a timeout retry/);
    expect(verdict(retryAfterHonoured(ctx([limited, req(520, list, 200)], { timeoutMs: null })))).toBe('fail');
  });

  it("counts the grader's own event-loop stall before the 429 towards a timeout retry, and nothing else", () => {
    // Seen on two busy cores: a 2 s timeout, a 429 stamped 1.1 s late because the grader's loop stalled,
    // and the client's timeout retry 933 ms after the 429 was written.
    const stamped = req(5_000, list, 429, { fault: 'rate_limit', durationMs: 2 });
    const retry = req(5_935, list, 200);
    const declared = { timeoutMs: 2_000 };
    const stalled = { ...ctx([stamped, retry], declared), stalls: [{ endAt: 5_000_000 + 5_000, lateMs: 1_150 }] };
    const check = retryAfterHonoured(stalled);
    expect(check.verdict).toBe('pass');
    expect(check.evidence.join('\n')).toContain("the grader's event loop had stalled 1150 ms before it");
    // Without the stall, or with a stall too short to reach the timeout, the retry is early.
    expect(verdict(retryAfterHonoured(ctx([stamped, retry], declared)))).toBe('fail');
    const short = { ...stalled, stalls: [{ endAt: 5_000_000 + 5_000, lateMs: 500 }] };
    expect(verdict(retryAfterHonoured(short))).toBe('fail');
  });

  it("does not judge the 429 of the client's first request (a cold process may time out before reading it)", () => {
    const first = req(0, 'POST /v1/clients', 429, { fault: 'rate_limit' });
    const early = [first, req(100, 'POST /v1/clients', 201), limited, req(1100, list, 200)];
    expect(verdict(retryAfterHonoured(ctx(early, { timeoutMs: null })))).toBe('pass');
  });

  it('is not graded without a 429 or when the 429 was never retried', () => {
    expect(verdict(retryAfterHonoured(ctx([req(0, list, 200)])))).toBe('not_graded');
    expect(verdict(retryAfterHonoured(ctx([limited])))).toBe('not_graded');
  });
});

describe('backoff-grows-with-jitter', () => {
  it('passes equal-jitter exponential backoff', () => {
    const check = backoffGrowsWithJitter(
      ctx(
        chains(
          (i) => 50 + i * 5,
          (i) => 100 + ((i * 37) % 100),
        ),
      ),
    );
    expect(check.verdict, check.reason).toBe('pass');
  });

  it('fails exact doubling, even with a few retries delayed by a busy machine', () => {
    const late = (i: number) => (i % 4 === 0 ? 25 : i % 3);
    const check = backoffGrowsWithJitter(
      ctx(
        chains(
          (i) => 100 + late(i),
          (i) => 200 + late(i + 1),
        ),
      ),
    );
    expect(check.verdict).toBe('fail');
    expect(check.reason).toContain('not jittered');
    expect(check.reason).not.toContain('does not grow');
  });

  it('fails a jittered delay that never grows', () => {
    const check = backoffGrowsWithJitter(
      ctx(
        chains(
          (i) => 50 + i * 5,
          (i) => 50 + ((i * 7) % 50),
        ),
      ),
    );
    expect(check.verdict).toBe('fail');
    expect(check.reason).toContain('does not grow');
  });

  it('passes equal jitter although a busy machine delayed a few first retries far beyond every second one', () => {
    // The run that failed the old "longest vs longest" rule: retry 1 delays up to 1250 ms, retry 2 up to 553 ms.
    const busy = (i: number) => (i === 3 ? 1150 : i === 7 ? 400 : (i * 13) % 40);
    const check = backoffGrowsWithJitter(
      ctx(
        chains(
          (i) => 50 + ((i * 17) % 50) + busy(i),
          (i) => 100 + ((i * 31) % 100) + busy(i + 1),
        ),
      ),
    );
    expect(check.verdict, check.reason).toBe('pass');
  });

  it('fails a random 200-400 ms wait before every retry (jitter without growth)', () => {
    const check = backoffGrowsWithJitter(
      ctx(
        chains(
          (i) => 200 + ((i * 71) % 200),
          (i) => 200 + ((i * 43 + 50) % 200),
        ),
      ),
    );
    expect(check.verdict).toBe('fail');
    expect(check.reason).toContain('does not grow');
    expect(check.reason).not.toContain('not jittered');
  });

  it('measures growth as the median per-retry factor over every pair of delays', () => {
    const byRetry = new Map([
      [1, [100, 100]],
      [2, [200, 200]],
      [3, [400]],
    ]);
    expect(growthFactor(byRetry)).toBeCloseTo(2, 5);
    expect(
      growthFactor(
        new Map([
          [1, [300, 200]],
          [2, [210, 290]],
        ]),
      ),
    ).toBeLessThan(1.2);
  });

  it('passes a jittered client whose delays happen to cluster at two of three retry numbers', () => {
    // Equal jitter, ten reads failing three times. Before retries 2 and 3 six of the ten delays landed
    // within 10 ms / 14% of the quickest by chance (about one run in 1,500 under a vote per retry number,
    // the loaded run that failed); the other delays spread over the window. Pooled, most are off the floor.
    const first = [52, 61, 70, 77, 83, 88, 91, 94, 97, 99];
    const second = [101, 104, 106, 108, 110, 113, 140, 162, 180, 196];
    const third = [205, 210, 216, 221, 228, 233, 290, 330, 362, 391];
    const entries = first.flatMap((gap, i) => {
      const path = `GET /v1/clients/cli_${i}/authority`;
      const t1 = i * 2000 + 1 + gap;
      const t2 = t1 + 1 + (second[i] ?? 0);
      return [
        req(i * 2000, path, 503),
        req(t1, path, 503),
        req(t2, path, 503),
        req(t2 + 1 + (third[i] ?? 0), path, 200),
      ];
    });
    const check = backoffGrowsWithJitter(ctx(entries));
    expect(check.verdict, check.reason).toBe('pass');
    // Besides each quickest: 1, 5 and 5 of 9 at the floor, 11 of 27 pooled (fewer than 55%).
    expect([first, second, third].map(countAtFloor)).toEqual([1, 5, 5]);
  });

  it("counts the delays at their retry number's floor", () => {
    // The quickest defines the floor and is not counted.
    expect(countAtFloor([100, 104, 109, 101, 103, 150])).toBe(4);
    expect(countAtFloor([60, 75, 90, 55, 99, 81])).toBe(1);
    expect(countAtFloor([1000, 1139, 1141])).toBe(1); // within 14% of the quickest
  });

  it('calls a backoff fixed at 55% of the delays at the floor, and judges fewer than 12 only when decisive', () => {
    // Per retry number: the quickest (the floor), `at` more delays at the floor, `off` delays well above it.
    const retry = (floor: number, at: number, off: number) => [
      floor,
      ...Array.from({ length: at }, () => floor + 3),
      ...Array.from({ length: off }, (_, i) => floor * 1.5 + i * 20),
    ];
    const judge = (at1: number, off1: number, at2: number, off2: number) =>
      judgeBackoff(
        new Map([
          [1, retry(100, at1, off1)],
          [2, retry(200, at2, off2)],
        ]),
      );
    expect(judge(4, 2, 3, 3)).toMatchObject({ countedDelays: 12, atFloorCount: 7, jitter: 'fixed' });
    expect(judge(3, 3, 3, 3)).toMatchObject({ countedDelays: 12, atFloorCount: 6, jitter: 'jittered' });
    expect(judge(3, 2, 3, 3)).toMatchObject({ countedDelays: 11, atFloorCount: 6, jitter: 'not_judged' });
    expect(judge(4, 1, 3, 3)).toMatchObject({ countedDelays: 11, atFloorCount: 7, jitter: 'fixed' });
  });

  it('does not judge jitter from too few delays, but still fails a delay that does not grow', () => {
    const few = (second: (i: number) => number) =>
      [0, 1, 2].flatMap((i) => {
        const path = `GET /v1/clients/cli_${i}/authority`;
        const t1 = i * 1000 + 1 + 100;
        return [req(i * 1000, path, 503), req(t1, path, 503), req(t1 + 1 + second(i), path, 200)];
      });
    const growing = backoffGrowsWithJitter(ctx(few(() => 200)));
    expect(growing.verdict).toBe('not_graded');
    expect(growing.reason).toContain('too few to tell jitter from chance');
    expect(verdict(backoffGrowsWithJitter(ctx(few(() => 100))))).toBe('fail');
  });

  it('is not graded with fewer than two retries of any operation', () => {
    const check = backoffGrowsWithJitter(ctx([req(0, 'GET /v1/x', 503), req(80, 'GET /v1/x', 200)]));
    expect(check.verdict).toBe('not_graded');
  });
});

describe('retries-give-up', () => {
  const gone = 'GET /v1/clients/cli_gone/authority';
  const attempts = (n: number, gap: (i: number) => number) => {
    let t = 0;
    return Array.from({ length: n }, (_, i) => {
      t += i === 0 ? 0 : gap(i) + 1;
      return req(t, gone, 503);
    });
  };
  it('passes a client that stops within its declared retries and cap', () => {
    const check = retriesGiveUp(ctx(attempts(5, (i) => 100 * 2 ** i)));
    expect(check.verdict, check.reason).toBe('pass');
    expect(check.reason).toContain('gave up after 5 attempt(s)');
  });

  it('fails a client that keeps retrying past the declared limit', () => {
    const check = retriesGiveUp(ctx(attempts(9, () => 300)));
    expect(check.verdict).toBe('fail');
    expect(check.reason).toMatch(/9 attempts .*more than 7 \(6 retries declared\)/);
    expect(
      verdict(
        retriesGiveUp(
          ctx(
            attempts(9, () => 300),
            { maxRetries: 8 },
          ),
        ),
      ),
    ).toBe('pass');
  });

  it('fails a wait beyond the declared backoff cap, with slack for a busy machine', () => {
    expect(verdict(retriesGiveUp(ctx(attempts(3, () => 11_500))))).toBe('pass');
    expect(retriesGiveUp(ctx(attempts(3, () => 12_500))).reason).toContain('beyond the declared backoff cap');
  });

  it('is not graded when the failing read was never sent', () => {
    expect(verdict(retriesGiveUp(ctx([req(0, 'GET /v1/x', 200)])))).toBe('not_graded');
  });
});

describe('correlation-id', () => {
  const withId = (t: number, request: string, status: number, id: string) =>
    req(t, request, status, { correlationIdSent: id });
  const retried = [withId(0, 'POST /v1/claims', 503, 'c-claim'), withId(100, 'POST /v1/claims', 202, 'c-claim')];
  it('passes one id per operation, kept across its retries', () => {
    const entries = [
      withId(0, 'POST /v1/clients', 201, 'c-1'),
      withId(10, 'POST /v1/clients', 409, 'c-2'),
      ...retried.map((e) => ({ ...e, receivedAt: e.receivedAt + 50 })),
    ];
    expect(verdict(correlationId(ctx(entries)))).toBe('pass');
  });

  it('fails one id shared by different operations, even when every retry keeps it', () => {
    const one = [
      withId(0, 'POST /v1/clients', 201, 'c-run'),
      withId(10, 'POST /v1/clients', 409, 'c-run'),
      ...retried.map((e) => ({ ...e, receivedAt: e.receivedAt + 50, correlationIdSent: 'c-run' })),
    ];
    const check = correlationId(ctx(one));
    expect(check.verdict).toBe('fail');
    expect(check.reason).toContain('sent by different operations');
    const sameKey = [withId(0, 'POST /v1/clients', 201, 'c-x'), withId(10, 'POST /v1/clients', 409, 'c-x'), ...retried];
    expect(correlationId(ctx(sameKey)).reason).toContain('sent by different operations');
  });

  it('does not count a repeated 4xx as a second operation (that is no-retry-on-4xx)', () => {
    const entries = [withId(0, 'POST /v1/clients', 409, 'c-2'), withId(90, 'POST /v1/clients', 409, 'c-2'), ...retried];
    expect(verdict(correlationId(ctx(entries)))).toBe('pass');
  });
});

describe('no-retry-on-4xx', () => {
  it('passes when 409/403/404 are final and ignores a retried 429', () => {
    const entries = [
      req(0, 'POST /v1/clients', 429, { fault: 'rate_limit' }),
      req(1000, 'POST /v1/clients', 409),
      req(1100, 'GET /v1/clients/cli_a/authority', 403),
      req(1100, 'GET /v1/clients/cli_b/authority', 404),
    ];
    const check = noRetryOn4xx(ctx(entries));
    expect(check.verdict, check.reason).toBe('pass');
  });

  it('does not count a repeat that came after the declared timeout (the answer may never have been read)', () => {
    const entries = [req(0, 'GET /v1/clients/cli_b/authority', 404), req(560, 'GET /v1/clients/cli_b/authority', 404)];
    const check = noRetryOn4xx(ctx(entries));
    expect(check.verdict).toBe('pass');
    expect(check.evidence.join('\n')).toContain('possibly a timeout retry');
    expect(verdict(noRetryOn4xx(ctx(entries, { timeoutMs: null })))).toBe('fail');
  });

  it('fails a repeated 404 and quotes both requests', () => {
    const check = noRetryOn4xx(
      ctx([req(0, 'GET /v1/clients/cli_b/authority', 404), req(90, 'GET /v1/clients/cli_b/authority', 404)]),
    );
    expect(check.verdict).toBe('fail');
    expect(check.evidence[1]).toMatch(/retried by #\d+ t\+90ms/);
  });
});

describe('timeout-abandons-hung-request', () => {
  const held = (status: number | null, durationMs: number) =>
    req(0, 'GET /v1/claims/clm_1/status', status, { fault: 'delay', durationMs });
  it('passes when the held read is abandoned and retried within timeout + 1000 ms', () => {
    const check = timeoutAbandonsHungRequest(ctx([held(null, 2000), req(620, 'GET /v1/claims/clm_1/status', 200)]));
    expect(check.verdict, check.reason).toBe('pass');
  });

  it('fails a client that waited out the hold, or gave up later than declared', () => {
    expect(timeoutAbandonsHungRequest(ctx([held(200, 2000)])).reason).toContain('waited 2000 ms');
    const late = ctx([held(null, 2000), req(1600, 'GET /v1/claims/clm_1/status', 200)]);
    expect(verdict(timeoutAbandonsHungRequest(late))).toBe('fail');
  });

  it('is not graded without a declared timeout', () => {
    const check = timeoutAbandonsHungRequest(ctx([held(200, 2000)], { timeoutMs: null }));
    expect(check.verdict).toBe('not_graded');
    expect(check.reason).toContain('--timeout-ms');
  });
});

describe('correlation-id', () => {
  const retried = [req(0, 'GET /v1/x', 503), req(80, 'GET /v1/x', 200)];
  it('passes when every request has one and retries keep it', () => {
    expect(verdict(correlationId(ctx(retried)))).toBe('pass');
  });

  it('fails a missing id and an id that changes between attempts', () => {
    const missing = correlationId(ctx([...retried, req(90, 'GET /v1/y', 200, { correlationIdSent: null })]));
    expect(missing.reason).toContain('1 of 3 requests carried no X-Correlation-Id');
    const changed = correlationId(
      ctx([retried[0] as JournalEntry, req(80, 'GET /v1/x', 200, { correlationIdSent: 'c2' })]),
    );
    expect(changed.reason).toContain('changed X-Correlation-Id');
  });
});

describe('concurrency-bound', () => {
  const slow = (t: number, id: string) => req(t, `GET /v1/clients/${id}/authority`, 200, { durationMs: 100 });
  it('counts overlapping requests, not ones that merely touch', () => {
    const touching = [slow(0, 'a'), slow(100.5, 'b'), slow(201, 'c')];
    expect(concurrencyBound(ctx(touching, { maxConcurrency: 1 })).verdict).toBe('pass');
    const five = ['a', 'b', 'c', 'd', 'e'].map((id, i) => slow(i * 2, id));
    const check = concurrencyBound(ctx(five, { maxConcurrency: 4 }));
    expect(check.verdict).toBe('fail');
    expect(check.reason).toContain('5 requests were in flight');
  });

  it('ends an abandoned held read at its retry', () => {
    const entries = [
      req(0, 'GET /v1/claims/clm_1/status', null, { fault: 'delay', durationMs: 2000 }),
      req(600, 'GET /v1/claims/clm_1/status', 200),
      slow(700, 'a'),
    ];
    expect(concurrencyBound(ctx(entries, { maxConcurrency: 1 })).verdict).toBe('pass');
  });

  it('is not graded without a declared bound, but says what it saw', () => {
    const check = concurrencyBound(ctx([slow(0, 'a'), slow(1, 'b')], { maxConcurrency: null }));
    expect(check.verdict).toBe('not_graded');
    expect(check.reason).toContain('up to 2 requests');
  });
});

describe('scenario-completed and pagination-to-end', () => {
  const command: CommandOutcome = {
    exitCode: 0,
    signal: null,
    timedOut: false,
    spawnError: null,
    durationMs: 1200,
    stdoutTail: [],
    stderrTail: ['step 3: boom'],
  };
  const steps = [
    req(0, 'POST /v1/clients', 201),
    req(10, 'POST /v1/clients', 409),
    req(20, 'POST /v1/claims', 202),
    req(30, 'GET /v1/claims/clm_1/status', 200),
    req(40, 'GET /v1/webhook-deliveries?limit=5', 200),
    req(50, 'GET /v1/webhook-deliveries?limit=5&cursor=abc', 200),
    req(60, 'GET /v1/clients/cli_a/authority', 404),
  ];
  it('passes a clean exit with every step, fails a non-zero exit with the stderr tail', () => {
    expect(verdict(scenarioCompleted(ctx(steps), command, ['cli_a']))).toBe('pass');
    const failed = scenarioCompleted(ctx(steps.slice(0, 2)), { ...command, exitCode: 1 }, ['cli_a']);
    expect(failed.reason).toMatch(/exited 1.*step 3.*step 6/);
    expect(failed.evidence).toContain('stderr: step 3: boom');
  });

  it('does not call step 6 done when it was given no ids to read', () => {
    const check = scenarioCompleted(ctx(steps), command, []);
    expect(check.verdict).toBe('not_graded');
    expect(check.reason).toMatch(/step 6.*no client ids/);
    expect(verdict(scenarioCompleted(ctx(steps), { ...command, exitCode: 1 }, []))).toBe('fail');
  });

  it('passes nothing for an empty journal, and every pass carries evidence', () => {
    const grade = (journal: JournalEntry[], clientIds: string[]) =>
      evaluateClientJournal({
        journal,
        declared: { timeoutMs: 500, maxConcurrency: 4, maxRetries: 6, maxBackoffMs: 10_000 },
        schedule: { retryAfterSeconds: 1, holdMs: 2000 },
        command,
        clientIds,
        giveUpPath: null,
        strategyReads: [],
        lastPage: { hasMore: false, error: null },
        pageSize: 5,
      });
    expect(grade([], []).filter((check) => check.verdict === 'pass')).toEqual([]);
    for (const check of grade(steps, ['cli_a']).filter((candidate) => candidate.verdict === 'pass'))
      expect(check.evidence.length, check.id).toBeGreaterThan(0);
  });

  it('grades pagination from the replayed last page', () => {
    expect(verdict(paginationToEnd(ctx(steps), { hasMore: false, error: null }, 5))).toBe('pass');
    expect(verdict(paginationToEnd(ctx(steps), { hasMore: true, error: null }, 5))).toBe('fail');
    const onePage = ctx([req(0, 'GET /v1/webhook-deliveries?limit=100', 200)]);
    expect(paginationToEnd(onePage, { hasMore: false, error: null }, 5).reason).toContain('one page');
  });
});
