import type { ClaimStatus } from '../contract/index.js';
import type { MockEngine } from './engine.js';
import type { ClaimRecord } from './store.js';

const REJECTION_REASON = 'Rejected by the reference mock: its claim-outcome rule is "rejected".';

/** A claim's statuses in timeline order: received, validating, submitted, then its outcome. */
const statusAt = (claim: ClaimRecord, step: number): ClaimStatus =>
  step === 0 ? 'received' : step === 1 ? 'validating' : step === 2 ? 'submitted' : claim.outcome;

/** Mock epoch ms at which a claim reached its `step`-th status (as scheduled at creation). */
const reachedAt = (claim: ClaimRecord, step: number): number =>
  claim.createdAtMs +
  (step === 0
    ? 0
    : step === 1
      ? claim.timeline.validatingAfterMs
      : step === 2
        ? claim.timeline.submittedAfterMs
        : claim.timeline.decidedAfterMs);

const iso = (ms: number) => new Date(ms).toISOString();

/** Moves a claim to its next status (`step`, due at mock instant `at`) and emits `claim.status_changed`. */
function changeStatus(engine: MockEngine, claimId: string, step: number, at: number): Promise<void> {
  const claim = engine.store.claims.get(claimId);
  if (claim === undefined) return Promise.resolve(); // reset since scheduled
  const previousStatus = claim.status;
  claim.status = statusAt(claim, step);
  claim.steps = step + 1;
  claim.statusJson = null;
  return emitChange(engine, claim, previousStatus, iso(at));
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
export function startClaimLifecycle(engine: MockEngine, claim: ClaimRecord): void {
  void emitChange(engine, claim, null, iso(claim.createdAtMs));
  for (let step = 1; step <= 3; step++) {
    const due = reachedAt(claim, step);
    engine.scheduler.schedule(due, () => changeStatus(engine, claim.id, step, due));
  }
}

/** The claim's status view, serialized once per status change. */
export function claimStatusJson(claim: ClaimRecord): string {
  if (claim.statusJson === null) {
    const history: { status: ClaimStatus; at: string; reason: string | null }[] = [];
    for (let step = 0; step < claim.steps; step++) {
      const status = statusAt(claim, step);
      history.push({
        status,
        at: iso(reachedAt(claim, step)),
        reason: status === 'rejected' ? REJECTION_REASON : null,
      });
    }
    claim.statusJson = JSON.stringify({
      claimId: claim.id,
      jobId: claim.jobId,
      status: claim.status,
      terminal: claim.status === 'accepted' || claim.status === 'rejected',
      history,
      updatedAt: iso(reachedAt(claim, claim.steps - 1)),
    });
  }
  return claim.statusJson;
}
