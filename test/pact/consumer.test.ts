import { describe, it } from 'vitest';
import { CONSUMER_INTERACTIONS, writeConsumerInteraction } from '../../harness/pact/index.js';
import { PACT_DIR } from './pact-dir.js';

// Each test runs the harness's real client against Pact's mock server and, when the client sends
// what the pact expects and handles the pinned response, merges the interaction into the pact file.
describe('consumer pact with DutyClaims', () => {
  for (const interaction of CONSUMER_INTERACTIONS) {
    it(`${interaction.id}: ${interaction.description}`, async () => {
      await writeConsumerInteraction(interaction, { pactDir: PACT_DIR });
    });
  }
});
