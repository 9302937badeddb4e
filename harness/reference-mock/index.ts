export type { ReferenceMockControl, ReferenceMockControlOptions } from './control-client.js';
export { createReferenceMockControl } from './control-client.js';
export { ControlPaths } from './control-paths.js';
export type { ClockState } from './control-schemas.js';
export type { ReferenceMockErrorCode } from './errors.js';
export { isReferenceMockError, ReferenceMockError } from './errors.js';
export type { FaultKind, FaultMatch, FaultSpec, InjectedFault } from './faults.js';
export type { JournalEntry } from './journal.js';
export type {
  AuthorityRule,
  ClaimOutcome,
  ClaimTimeline,
  MockEnvironment,
  RateLimitOptions,
  ReferenceMockDeviations,
  ReferenceMockOptions,
  ResolvedReferenceMockOptions,
  WebhookDeliveryOptions,
} from './options.js';
export { DEFAULT_REFERENCE_MOCK_OPTIONS, resolveReferenceMockOptions } from './options.js';
export type { Personas, ProductionPersona, SandboxPersona } from './personas.js';
export { derivePersonas } from './personas.js';
export type { CredentialPrinting, StandaloneMockHandle, StandaloneMockOptions } from './standalone.js';
export { runStandaloneMock } from './standalone.js';
export type { StartedReferenceMock } from './start.js';
export { startReferenceMock } from './start.js';
export type { Tenant } from './tenants.js';
