// The most used pieces of each area; every area also has its own entry point
// (`@dutyclaims/launch-harness/client`, `/reference-mock`, `/webhooks`, `/suites`, ...).
export type { ClientOptions, DutyClaimsClient } from './client/index.js';
export { createDutyClaimsClient, isDutyClaimsApiError, isDutyClaimsCallError } from './client/index.js';
export type { HarnessConfig } from './config/index.js';
export { isHarnessConfigError, loadHarnessConfig } from './config/index.js';
export { CONTRACT_PIN, computeContractHash, routes } from './contract/index.js';
export type { CompareOptions } from './drift/index.js';
export { comparePackets, readPacketFile } from './drift/index.js';
export { GATES } from './gates/index.js';
export type { LaunchPacket } from './packet/index.js';
export { writeLaunchPacket } from './packet/index.js';
export type { ReferenceMockOptions, StartedReferenceMock } from './reference-mock/index.js';
export { createReferenceMockControl, startReferenceMock } from './reference-mock/index.js';
export type { RehearsalOptions, RehearsalResult } from './rehearsal/index.js';
export { runLaunchRehearsal } from './rehearsal/index.js';
export { isWebhookVerificationError, signDutyClaims, verifyDutyClaims } from './webhooks/index.js';
