import type { FaultSpec, JournalEntry } from '../../reference-mock/index.js';
import type { ScenarioFixture } from './setup.js';

/** Settings of the fault schedule. */
export interface ScheduleSettings {
  /** Retry-After of the 429 answered to the first client creation. */
  readonly retryAfterSeconds: number;
  /** How long the first claim-status read is held; null: no read is held. */
  readonly holdMs: number | null;
  /** Delay of each successful authority read in step 6, so requests in flight overlap visibly. */
  readonly slowReadMs: number;
}

/** Every setting of the schedule, in one place. */
export const DEFAULT_SCHEDULE_SETTINGS: Omit<ScheduleSettings, 'holdMs'> = {
  retryAfterSeconds: 1,
  slowReadMs: 100,
};

type TransientFault = Pick<FaultSpec, 'kind' | 'status'>;

/** The two failures each retried authority read of step 6 meets, in turn. */
const CHAIN_FAULTS: readonly (readonly [TransientFault, TransientFault])[] = [
  [{ kind: 'status', status: 503 }, { kind: 'drop' }],
  [
    { kind: 'status', status: 500 },
    { kind: 'status', status: 503 },
  ],
  [{ kind: 'drop' }, { kind: 'status', status: 500 }],
  [{ kind: 'status', status: 502 }, { kind: 'drop' }],
];

/** 5xx faults say `Retry-After: 0`, so the delay before their retry is the client's own backoff. */
const transient = (fault: TransientFault, match: FaultSpec['match']): FaultSpec => ({
  ...fault,
  ...(fault.kind === 'status' ? { retryAfterSeconds: 0 } : {}),
  count: 1,
  ...(match === undefined ? {} : { match }),
});

const authorityPath = (clientId: string) => `/v1/clients/${clientId}/authority`;

/**
 * The deterministic fault schedule of one run, in injection order (the mock applies the first fault
 * that matches, so specific paths come before the catch-all slow reads).
 */
export function faultSchedule(fixture: ScenarioFixture, settings: ScheduleSettings): FaultSpec[] {
  const claims = { operationId: 'createClaim' };
  const list = { operationId: 'listWebhookDeliveries' };
  const faults: FaultSpec[] = [
    {
      kind: 'rate_limit',
      retryAfterSeconds: settings.retryAfterSeconds,
      count: 1,
      match: { operationId: 'createClient' },
    },
    transient({ kind: 'status', status: 503 }, claims),
    transient({ kind: 'drop' }, claims),
    transient({ kind: 'status', status: 503 }, list),
    transient({ kind: 'status', status: 500 }, list),
  ];
  if (settings.holdMs !== null)
    faults.push({ kind: 'delay', delayMs: settings.holdMs, count: 1, match: { operationId: 'getClaimStatus' } });
  fixture.chainClientIds.forEach((clientId, index) => {
    const pair = CHAIN_FAULTS[index % CHAIN_FAULTS.length];
    if (pair) for (const fault of pair) faults.push(transient(fault, { path: authorityPath(clientId) }));
  });
  faults.push({ kind: 'status', status: 403, count: 1, match: { path: authorityPath(fixture.forbiddenClientId) } });
  const slowReads = fixture.chainClientIds.length + fixture.plainClientIds.length + 1;
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
