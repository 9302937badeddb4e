export type { GateId, GateSpec } from './catalog.js';
export { catalogCheckOf, DRY_RUN_STEPS, GATE_CHECKS, GATE_IDS, GATES } from './catalog.js';
export { evaluateGates } from './evaluate-gates.js';
export { buildEscalationTemplate } from './support-and-rollback-packet.js';
