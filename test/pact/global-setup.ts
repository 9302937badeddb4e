// Runs once before the consumer tests: libpact merges into an existing pact file, so interactions
// deleted from the suite would otherwise live on in the pact.
import { clearPactDir } from '../../harness/pact/index.js';
import { PACT_DIR } from './pact-dir.js';

export default async function setup(): Promise<void> {
  await clearPactDir(PACT_DIR);
}
