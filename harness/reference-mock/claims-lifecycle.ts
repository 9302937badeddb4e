import type { ClaimStatus } from '../contract/index.js';
import type { MockEngine } from './engine.js';
import type { ClaimRecord } from './store.js';

const REJECTION_REASON = 'Rejected by the reference mock: its claim-outcome rule is "rejected".';

/** Moves a claim to `status` at mock instant `at` and emits `claim.status_changed`. */
function changeStatus(engine: MockEngine, claimId: string, status: ClaimStatus, at: number): Promise<void> {
  const claim = engine.store.claims.get(claimId);
  if (claim === undefined) return Promise.resolve(); // reset since scheduled
  const previousStatus = claim.status;
  const iso = new Date(at).toISOString();
  claim.status = status;
  claim.history.push({ status, at: iso, reason: status === 'rejected' ? REJECTION_REASON : null });
  claim.updatedAt = iso;
  claim.statusJson = null;
  return emitChange(engine, claim, previousStatus, iso);
}

const emitChange = (engine: MockEngine, claim: ClaimRecord, previousStatus: ClaimStatus | null, at: string) =>
  engine.dispatcher.emit(claim.orgId, 'claim.status_changed', at, {
    claimId: claim.id,
    jobId: claim.jobId,
    previousStatus,
    status: claim.status,
  });

/**
 * Starts a new claim's timeline: `received` now (emitted with previousStatus null), then validating,
 * submitted and the outcome at the configured mock-clock offsets.
 */
export function startClaimLifecycle(engine: MockEngine, claim: ClaimRecord, createdAtMs: number): void {
  void emitChange(engine, claim, null, claim.createdAt);
  const { timeline } = engine.options;
  const steps: [ClaimStatus, number][] = [
    ['validating', timeline.validatingAfterMs],
    ['submitted', timeline.submittedAfterMs],
    [claim.outcome, timeline.decidedAfterMs],
  ];
  for (const [status, offset] of steps) {
    const due = createdAtMs + offset;
    engine.scheduler.schedule(due, () => changeStatus(engine, claim.id, status, due));
  }
}

/** The claim's status view, serialized once per status change. */
export function claimStatusJson(claim: ClaimRecord): string {
  if (claim.statusJson === null)
    claim.statusJson = JSON.stringify({
      claimId: claim.id,
      jobId: claim.jobId,
      status: claim.status,
      terminal: claim.status === 'accepted' || claim.status === 'rejected',
      history: claim.history,
      updatedAt: claim.updatedAt,
    });
  return claim.statusJson;
}
