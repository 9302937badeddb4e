import { PACT_METADATA_CONTRACT_HASH, PACT_METADATA_NAMESPACE } from '../contract/pact-metadata.js';

/** The provider name every DutyClaims pact uses. */
export const PACT_PROVIDER_NAME = 'DutyClaims';

/** The consumer name of the harness's own pacts; partners set theirs with an option or the env variable. */
export const DEFAULT_PACT_CONSUMER_NAME = 'dutyclaims-launch-harness';

/** Environment variables the Pact tooling reads. */
export const PactEnv = {
  consumer: 'DUTYCLAIMS_PACT_CONSUMER',
  pactDir: 'DUTYCLAIMS_PACT_DIR',
  apiKey: 'DUTYCLAIMS_API_KEY',
  readOnlyApiKey: 'DUTYCLAIMS_READ_ONLY_API_KEY',
  oauthClientId: 'DUTYCLAIMS_OAUTH_CLIENT_ID',
  oauthClientSecret: 'DUTYCLAIMS_OAUTH_CLIENT_SECRET',
  brokerToken: 'PACT_BROKER_TOKEN',
  /** A `pact-broker` executable to use instead of `@pact-foundation/pact-cli`'s. */
  brokerBinary: 'DUTYCLAIMS_PACT_BROKER_BIN',
} as const;

/** Where a pact records the contract it was written against: `metadata.dutyclaims.{contractHash,contractVersion}`. */
export const PactMetadata = {
  namespace: PACT_METADATA_NAMESPACE,
  contractHash: PACT_METADATA_CONTRACT_HASH,
  contractVersion: 'contractVersion',
} as const;
