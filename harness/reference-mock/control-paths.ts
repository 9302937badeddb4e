// Zod-free, so the entry of ./reference-mock and the standalone summary can name them cheaply.
/** Paths of the control plane, all under `/_mock/`. */
export const ControlPaths = {
  faults: '/_mock/faults',
  journal: '/_mock/journal',
  clockAdvance: '/_mock/clock/advance',
  authorityRule: '/_mock/rules/authority',
  claimOutcomeRule: '/_mock/rules/claim-outcome',
  reset: '/_mock/reset',
  personas: '/_mock/personas',
  tenants: '/_mock/tenants',
} as const;
