export type { GeneratedPact } from './consumer.js';
export { clearPactDir, generateConsumerPacts, pactFileName, writeConsumerInteraction } from './consumer.js';
export type { PactConsumerOptions, PactLogLevel, ResolvedPactConsumerOptions } from './consumer-options.js';
export { DEFAULT_PACT_CONSUMER_OPTIONS, resolvePactConsumerOptions } from './consumer-options.js';
export { DutyClaimsPact } from './dutyclaims-pact.js';
export {
  ContractHashMismatchError,
  isContractHashMismatchError,
  isPactBrokerCommandError,
  isPactConfigurationError,
  isPactVerificationError,
  PactBrokerCommandError,
  PactConfigurationError,
  PactVerificationError,
} from './errors.js';
export type { ConsumerInteraction, PactCredential, PactRequestSpec, PactResponseSpec } from './interaction.js';
export { CONSUMER_INTERACTIONS } from './interactions.js';
export { DEFAULT_PACT_CONSUMER_NAME, PACT_PROVIDER_NAME, PactEnv, PactMetadata } from './names.js';
export { AUTHORIZATION_PATTERN, PACT_CORRELATION_ID, PACT_PLACEHOLDERS } from './placeholders.js';
export type {
  JsonValue,
  ProviderStateDoc,
  ProviderStateName,
  ProviderStateSpec,
  StateParams,
} from './provider-states.js';
export { PROVIDER_STATE_DOCS, ProviderStates } from './provider-states.js';
