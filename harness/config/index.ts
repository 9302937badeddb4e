export { HarnessEnv } from './env-schema.js';
export { HarnessConfigError, isHarnessConfigError } from './errors.js';
export type { HarnessConfig, HarnessCredential } from './harness-config.js';
export { KNOWN_ENV_NAMES } from './known-env.js';
export { loadHarnessConfig, MOCK_OWNER_DEFAULT } from './load-config.js';
