export { canIDeployUsage, runCanIDeployCommand } from '../cli/commands/can-i-deploy.js';
export { publishPactsUsage, runPublishPactsCommand } from '../cli/commands/publish-pacts.js';
export type { PactCliIo } from '../cli/commands/verify-provider.js';
export { runVerifyProviderCommand, verifyProviderUsage } from '../cli/commands/verify-provider.js';
export type {
  BrokerInvocation,
  BrokerResult,
  CanIDeployOptions,
  PactBrokerCliOptions,
  PublishPactsOptions,
} from './broker.js';
export {
  buildCanIDeployInvocation,
  buildPublishInvocation,
  canIDeploy,
  publishPacts,
  runBrokerInvocation,
} from './broker.js';
export type { GeneratedPact } from './consumer.js';
export { clearPactDir, generateConsumerPacts, pactFileName, writeConsumerInteraction } from './consumer.js';
export type { PactConsumerOptions, PactLogLevel, ResolvedPactConsumerOptions } from './consumer-options.js';
export { DEFAULT_PACT_CONSUMER_OPTIONS, resolvePactConsumerOptions } from './consumer-options.js';
export type { ProviderIdentity } from './contract-hash-check.js';
export { assertPactContractHashes, fetchProviderIdentity } from './contract-hash-check.js';
export { DutyClaimsPact } from './dutyclaims-pact.js';
export {
  ContractHashMismatchError,
  isContractHashMismatchError,
  isPactBrokerCommandError,
  isPactConfigurationError,
  isPactInteractionError,
  isPactVerificationError,
  PactBrokerCommandError,
  PactConfigurationError,
  PactInteractionError,
  PactVerificationError,
} from './errors.js';
export { createForwardingStateSetup } from './forwarding-state-handlers.js';
export type { ConsumerInteraction, PactCredential, PactRequestSpec, PactResponseSpec } from './interaction.js';
export { CONSUMER_INTERACTIONS } from './interactions.js';
export type { ReferenceMockStateOptions } from './mock-state-handlers.js';
export { createReferenceMockStateSetup, referenceMockCredentials } from './mock-state-handlers.js';
export { DEFAULT_PACT_CONSUMER_NAME, PACT_PROVIDER_NAME, PactEnv, PactMetadata } from './names.js';
export type { ConsumerVersionSelector, LoadedPact, PactSource } from './pact-sources.js';
export { DEFAULT_CONSUMER_VERSION_SELECTORS, listPactFiles, loadPacts, parsePact } from './pact-sources.js';
export { AUTHORIZATION_PATTERN, PACT_CORRELATION_ID, PACT_PLACEHOLDERS } from './placeholders.js';
export type {
  JsonValue,
  ProviderStateDoc,
  ProviderStateName,
  ProviderStateSpec,
  StateParams,
} from './provider-states.js';
export { PROVIDER_STATE_DOCS, ProviderStates } from './provider-states.js';
export type { FilteredRequest, PactRequestFilter, ProviderCredentials } from './request-filter.js';
export { createCredentialRequestFilter } from './request-filter.js';
export type { ProviderStateHandlers, ProviderStateSetup, StateSetup, StateValues } from './state-handlers.js';
export type { VerificationFailure } from './verifier-report.js';
export type {
  ProviderTarget,
  PublishVerificationResults,
  ResolvedVerifyProviderOptions,
  VerifierLogLevel,
  VerifyProviderOptions,
} from './verify-options.js';
export { DEFAULT_VERIFY_PROVIDER_OPTIONS, resolveVerifyProviderOptions } from './verify-options.js';
export type { ProviderVerificationResult } from './verify-provider.js';
export { verifyProvider } from './verify-provider.js';
