import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClaimStatus } from '../contract/index.js';
import { claimStatusJson } from './claims-lifecycle.js';
import type { ClaimRecord } from './store.js';

const REJECTION_REASON = 'Rejected by the reference mock: its claim-outcome rule is "rejected".';

/** The status view as the mock built it when each claim kept its history as ISO strings. */
function storedHistoryJson(
  id: string,
  jobId: string,
  createdAtMs: number,
  offsets: number[],
  outcome: ClaimStatus,
  steps: number,
) {
  const statuses: ClaimStatus[] = ['received', 'validating', 'submitted', outcome];
  const history: { status: ClaimStatus; at: string; reason: string | null }[] = [];
  for (let step = 0; step < steps; step++) {
    const status = statuses[step] as ClaimStatus;
    const at = new Date(createdAtMs + (offsets[step] ?? 0)).toISOString();
    history.push({ status, at, reason: status === 'rejected' ? REJECTION_REASON : null });
  }
  const last = history[history.length - 1];
  return JSON.stringify({
    claimId: id,
    jobId,
    status: last?.status,
    terminal: last?.status === 'accepted' || last?.status === 'rejected',
    history,
    updatedAt: last?.at,
  });
}

describe('claim status view', () => {
  it('is byte for byte the view of a claim that stored its history, at every step of any timeline', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        fc.array(fc.integer({ min: 0, max: 10 * 24 * 3600 * 1000 }), { minLength: 3, maxLength: 3 }),
        fc.constantFrom('accepted', 'rejected') as fc.Arbitrary<'accepted' | 'rejected'>,
        fc.integer({ min: 1, max: 4 }),
        (createdAtMs, rawOffsets, outcome, steps) => {
          const [validatingAfterMs, submittedAfterMs, decidedAfterMs] = [...rawOffsets].sort((a, b) => a - b) as [
            number,
            number,
            number,
          ];
          const statuses: ClaimStatus[] = ['received', 'validating', 'submitted', outcome];
          const claim: ClaimRecord = {
            id: 'clm_aaaaaaaaaaaaaaaaaaaa',
            jobId: 'job_bbbbbbbbbbbbbbbbbbbb',
            orgId: 'porg_1',
            clientId: 'cli_1',
            claimType: 'duty_drawback',
            amount: { currency: 'GBP', value: '1.00' },
            reference: 'r',
            createdAtMs,
            timeline: { validatingAfterMs, submittedAfterMs, decidedAfterMs },
            outcome,
            status: statuses[steps - 1] as ClaimStatus,
            steps,
            statusJson: null,
          };
          expect(claimStatusJson(claim)).toBe(
            storedHistoryJson(
              claim.id,
              claim.jobId,
              createdAtMs,
              [0, validatingAfterMs, submittedAfterMs, decidedAfterMs],
              outcome,
              steps,
            ),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
