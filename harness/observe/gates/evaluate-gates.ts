import type { GateResult } from '../../packet/schema.js';
import { goldenPathGate, supportGate } from './flow-gates.js';
import { credentialGate, environmentGate } from './identity-gates.js';
import type { TrafficEvidence } from './traffic.js';
import { traceabilityGate, webhookGate } from './write-gates.js';

/** The six gates of the checklist, judged from the partner's own traffic, in the checklist's order. */
export const evaluateTrafficGates = (traffic: TrafficEvidence): GateResult[] => [
  environmentGate(traffic),
  credentialGate(traffic),
  traceabilityGate(traffic),
  webhookGate(traffic),
  goldenPathGate(traffic),
  supportGate(traffic),
];
