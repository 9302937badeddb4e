import { startReferenceMock } from '@dutyclaims/launch-harness/reference-mock';

const mock = await startReferenceMock(); // 127.0.0.1, a free port, seeded personas
try {
  await mock.control.injectFault({ kind: 'rate_limit', count: 1, retryAfterSeconds: 1 });
  console.log(`reference mock at ${mock.url}`); // point your client at it
} finally {
  await mock.close();
}
