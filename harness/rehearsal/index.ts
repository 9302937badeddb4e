export { collectArtifacts, PACT_METADATA_CONTRACT_HASH, PACT_METADATA_NAMESPACE } from './artifacts.js';
export type { ObservedError, Outcome, RehearsalObservations, StepRecord } from './observations.js';
export type { RehearsalOptions, RehearsalResult } from './run-rehearsal.js';
export { runLaunchRehearsal } from './run-rehearsal.js';
export type { MockTarget } from './target.js';
