import { generateConsumerPacts, verifyProvider } from '@dutyclaims/launch-harness/pact';
import { expect, test } from 'vitest';

// The partner's own CI: write the consumer pact under the partner's name, then verify it against
// the embedded reference mock before publishing it for the provider.
test('our consumer pact verifies against the reference mock', async () => {
  const { pactFile, interactions } = await generateConsumerPacts({ consumer: 'acme-erp', pactDir: 'pacts' });
  const result = await verifyProvider({ pacts: { kind: 'urls', urls: [pactFile] } });
  expect(result.pacts).toEqual([expect.objectContaining({ consumer: 'acme-erp', interactions })]);
});
