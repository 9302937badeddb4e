import type { GateResult } from '../packet/schema.js';
import type { RehearsalObservations } from '../rehearsal/observations.js';
import { evaluateCredentialAndHeaderDiscipline } from './credential-and-header-discipline.js';
import { evaluateEnvironmentAndContractPin } from './environment-and-contract-pin.js';
import { evaluateGoldenPathRehearsal } from './golden-path-rehearsal.js';
import { evaluateSupportAndRollbackPacket } from './support-and-rollback-packet.js';
import { evaluateTraceabilityAndIdempotency } from './traceability-and-idempotency.js';
import { evaluateWebhookReadiness } from './webhook-readiness.js';

/** The six gates of the checklist, in the checklist's order. */
export const evaluateGates = (observations: RehearsalObservations): GateResult[] => [
  evaluateEnvironmentAndContractPin(observations),
  evaluateCredentialAndHeaderDiscipline(observations),
  evaluateTraceabilityAndIdempotency(observations),
  evaluateWebhookReadiness(observations),
  evaluateGoldenPathRehearsal(observations),
  evaluateSupportAndRollbackPacket(observations),
];
