import { fileURLToPath } from 'node:url';

/** Where the consumer tests write pacts and the provider tests read them: `$DUTYCLAIMS_PACT_DIR` or `<repo>/pacts`. */
export const PACT_DIR: string =
  process.env.DUTYCLAIMS_PACT_DIR?.trim() || fileURLToPath(new URL('../../pacts', import.meta.url));
