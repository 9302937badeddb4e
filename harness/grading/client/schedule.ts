import type { FaultSpec, JournalEntry } from '../../reference-mock/index.js';
import type { ScenarioFixture } from './setup.js';
import { API_DISABLED_FAULT, REVOKED_CREDENTIAL_FAULT, STRATEGY_FAULTS } from './strategy-faults.js';

/** Settings of the fault schedule. */
export interface ScheduleSettings {
  /** Retry-After of the 429 answered to the first client creation. */
  readonly retryAfterSeconds: number;
  /** How long the first claim-status read is held; null: no read is held. */
  readonly holdMs: number | null;
  /** Delay of each successful authority read in step 6, so requests in flight overlap visibly. */
  readonly slowReadMs: number;
  /** The most retries the client declares (or the default); the give-up read fails two attempts longer. */
  readonly maxRetries: number;
}

/** Every setting of the schedule, in one place. */
export const DEFAULT_SCHEDULE_SETTINGS: Omit<ScheduleSettings, 'holdMs' | 'maxRetries'> = {
  retryAfterSeconds: 1,
  slowReadMs: 100,
};

type TransientFault = Pick<FaultSpec, 'kind' | 'status'>;

const s503: TransientFault = { kind: 'status', status: 503 };
const s500: TransientFault = { kind: 'status', status: 500 };
const s502: TransientFault = { kind: 'status', status: 502 };
const drop: TransientFault = { kind: 'drop' };

/**
 * The three failures each retried authority read of step 6 meets, in turn: three retries per read give
 * the backoff check delays at three retry numbers, enough to judge growth (see evaluate-backoff.ts).
 */
const CHAIN_FAULTS: readonly (readonly TransientFault[])[] = [
  [s503, drop, s500],
  [s500, s503, drop],
  [drop, s500, s503],
  [s502, drop, s500],
];

/** 5xx faults say `Retry-After: 0`, so the delay before their retry is the client's own backoff. */
const transient = (fault: TransientFault, match: FaultSpec['match']): FaultSpec => ({
  ...fault,
  ...(fault.kind === 'status' ? { retryAfterSeconds: 0 } : {}),
  count: 1,
  ...(match === undefined ? {} : { match }),
});

const rateLimit = (settings: ScheduleSettings, match: FaultSpec['match']): FaultSpec => ({
  kind: 'rate_limit',
  retryAfterSeconds: settings.retryAfterSeconds,
  count: 1,
  ...(match === undefined ? {} : { match }),
});

/** The operation whose 429 retry-after-honoured judges (the first createClient's 429 absorbs a cold start). */
export const JUDGED_RATE_LIMIT_OPERATION = 'listWebhookDeliveries';

/** What the grading scenario judges: the 429 of step 5 and the held claim-status read of step 4. */
export const SCENARIO_JUDGED = { rateLimitOperationId: JUDGED_RATE_LIMIT_OPERATION, heldOperationId: 'getClaimStatus' };

const authorityPath = (clientId: string) => `/v1/clients/${clientId}/authority`;

/**
 * The deterministic fault schedule of one run, in injection order (the mock applies the first fault
 * that matches, so specific paths come before the catch-all slow reads).
 */
export function faultSchedule(fixture: ScenarioFixture, settings: ScheduleSettings): FaultSpec[] {
  const claims = { operationId: 'createClaim' };
  const list = { operationId: 'listWebhookDeliveries' };
  // Two 429s. The first answers the client's first request, which on a busy machine can outlast the
  // client's own timeout before its answer is read (a cold process): its retry is then a timeout retry,
  // so that 429 is not judged (it also keeps a slow first write from being created twice). The second
  // answers a request the client sends warm, and retry-after-honoured judges it.
  const faults: FaultSpec[] = [
    rateLimit(settings, { operationId: 'createClient' }),
    transient(s503, claims),
    transient(drop, claims),
    rateLimit(settings, list),
    transient(s503, list),
  ];
  if (settings.holdMs !== null)
    faults.push({ kind: 'delay', delayMs: settings.holdMs, count: 1, match: { operationId: 'getClaimStatus' } });
  fixture.chainClientIds.forEach((clientId, index) => {
    const pair = CHAIN_FAULTS[index % CHAIN_FAULTS.length];
    if (pair) for (const fault of pair) faults.push(transient(fault, { path: authorityPath(clientId) }));
  });
  faults.push({ kind: 'status', status: 403, count: 1, match: { path: authorityPath(fixture.forbiddenClientId) } });
  // Error branches: a retryable-looking status whose envelope says not to retry, a revoked credential
  // and a disabled API. Each answers once: a client that retries anyway gets a 200 and still finishes.
  fixture.strategyClientIds.forEach((clientId, index) => {
    const fault = STRATEGY_FAULTS[index];
    if (fault) faults.push({ ...fault, count: 1, match: { path: authorityPath(clientId) } });
  });
  faults.push({ ...REVOKED_CREDENTIAL_FAULT, count: 1, match: { path: authorityPath(fixture.revokedClientId) } });
  faults.push({ ...API_DISABLED_FAULT, count: 1, match: { path: authorityPath(fixture.disabledClientId) } });
  // Fails two attempts past the retry limit, then clears: a client that never gives up still finishes.
  faults.push({
    ...transient(s503, { path: authorityPath(fixture.giveUpClientId) }),
    count: settings.maxRetries + 2,
  });
  const slowReads = fixture.chainClientIds.length + fixture.plainClientIds.length + 2;
  faults.push({
    kind: 'delay',
    delayMs: settings.slowReadMs,
    count: slowReads,
    match: { operationId: 'getClientAuthority' },
  });
  return faults;
}

/** The Retry-After (ms) the schedule gave a journaled answer: the 429's, 0 for 5xx faults, null if unknown. */
export function scheduledRetryAfterMs(entry: JournalEntry, settings: Pick<ScheduleSettings, 'retryAfterSeconds'>) {
  if (entry.fault === 'rate_limit' || (entry.fault === 'status' && entry.status === 429))
    return settings.retryAfterSeconds * 1000;
  if (entry.fault === 'status' && entry.status !== null && entry.status >= 500) return 0;
  return null;
}
