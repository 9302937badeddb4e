/** Pads a readable marker with zeros to the length a credential shape needs. */
const marker = (text: string, length: number): string => text.padEnd(length, '0');

/**
 * Credentials the consumer tests send. They are not secrets: the verifier swaps each placeholder for
 * the provider's real credential on the way out (see `createCredentialRequestFilter`), and leaves the
 * `unknown` one alone so the provider can answer 401 to it.
 */
export const PACT_PLACEHOLDERS = {
  apiKey: `dc_test_${marker('pactplaceholderfullaccess', 32)}`,
  readOnlyApiKey: `dc_test_${marker('pactplaceholderreadonly', 32)}`,
  unknownApiKey: `dc_test_${marker('pactunknowncredential', 32)}`,
  oauthClientId: `dc_client_${marker('pactplaceholder', 20)}`,
  oauthClientSecret: `dc_cs_${marker('pactplaceholdersecret', 40)}`,
} as const;

/** The `Authorization` values pacts accept: any sandbox or production API key. */
export const AUTHORIZATION_PATTERN = '^Bearer dc_(test|live)_[0-9a-z]{32}$';

/** The correlation id and idempotency keys consumer tests send, so pact files are stable between runs. */
export const PACT_CORRELATION_ID = 'corr_pact-consumer-test';
