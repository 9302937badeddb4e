import { describe, expect, it } from 'vitest';
import { routes } from '../../harness/contract/index.js';
import { startReferenceMock } from '../../harness/reference-mock/index.js';
import { call, claimBody, createClient } from './support/http.js';

describe('deliberate deviations (a non-conforming provider)', () => {
  it('drops the configured response headers everywhere', async () => {
    await using mock = await startReferenceMock({
      deviations: { dropResponseHeaders: ['dutyclaims-contract-hash', 'X-Request-Id'] },
    });
    for (const response of [await call(mock.url, 'GET', '/health'), await call(mock.url, 'GET', '/nope')]) {
      expect(response.headers['dutyclaims-contract-hash']).toBeUndefined();
      expect(response.headers['x-request-id']).toBeUndefined();
      expect(response.headers['x-correlation-id']).toBeDefined();
    }
  });

  it('drops the configured body fields so contract schemas reject the response', async () => {
    await using mock = await startReferenceMock({
      deviations: { dropBodyFields: { getClaimStatus: ['jobId'], createClaim: ['status'] } },
    });
    const token = mock.personas.sandbox.apiKey;
    const clientId = await createClient(mock.url, token);
    const created = await call(mock.url, 'POST', '/v1/claims', {
      token,
      body: claimBody(clientId),
      idempotencyKey: 'd',
    });
    expect(created.json.status).toBeUndefined();
    expect(routes.createClaim.success.schema.safeParse(created.json).success).toBe(false);
    const status = await call(mock.url, 'GET', `/v1/claims/${created.json.id}/status`, { token });
    expect(status.json.jobId).toBeUndefined();
    expect(routes.getClaimStatus.success.schema.safeParse(status.json).success).toBe(false);
    // Replays serve the same deviating body.
    const replay = await call(mock.url, 'POST', '/v1/claims', {
      token,
      body: claimBody(clientId),
      idempotencyKey: 'd',
    });
    expect(replay.text).toBe(created.text);
  });
});
