/**
 * The environment variables the container entry of the reference mock reads (their rules:
 * env-config.ts). Apart from the rules so the launch run's configuration check, which only needs the
 * names, and `dutyclaims-launch mock`, which checks its flags itself, do not build the mock's schema.
 */
export const MOCK_ENV_NAMES = [
  'DUTYCLAIMS_MOCK_HOST',
  'DUTYCLAIMS_MOCK_ALLOW_NON_LOOPBACK_HOST',
  'DUTYCLAIMS_MOCK_PORT',
  'DUTYCLAIMS_MOCK_SEED',
  'DUTYCLAIMS_MOCK_CONTROL_TOKEN',
  'DUTYCLAIMS_MOCK_ALLOW_UNAUTHENTICATED_CONTROL',
  'DUTYCLAIMS_MOCK_ENVIRONMENT',
  'DUTYCLAIMS_MOCK_RATE_LIMIT',
] as const;

export type MockEnvName = (typeof MOCK_ENV_NAMES)[number];

/** What a per-key rate limit setting must be (the environment variable and the CLI flag). */
export const RATE_LIMIT_RULE = 'must be a whole number of requests per minute per key, 1-999999999 (default 1000)';
