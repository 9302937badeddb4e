import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_ACTIVE_SIGNING_SECRETS, routes } from '../../harness/contract/index.js';
import { type StartedReferenceMock, startReferenceMock } from '../../harness/reference-mock/index.js';
import { call, expectConforms } from './support/http.js';
import { startReceiver } from './support/receiver.js';

let mock: StartedReferenceMock;
let token: string;
const now = Date.now();
beforeEach(async () => {
  mock = await startReferenceMock({
    seed: 'webhook-secrets',
    clock: () => now,
    webhookDelivery: { timeoutMs: 10_000 },
  });
  token = mock.personas.sandbox.apiKey;
});
afterEach(() => mock.close());

describe('active signing secrets are capped', () => {
  it('states the cap in the contract', () => {
    expect(MAX_ACTIVE_SIGNING_SECRETS).toBe(3);
    expect(routes.rotateWebhookSecret.summary).toContain(`at most ${MAX_ACTIVE_SIGNING_SECRETS} secrets`);
  });

  it('keeps the signature header at the cap after many rotations, signing with the newest secrets', async () => {
    const secrets: string[] = [];
    await using receiver = await startReceiver({ secrets: () => secrets, now: () => now });
    const created = await call(mock.url, 'POST', '/v1/webhooks/endpoints', {
      token,
      body: { url: receiver.url, eventTypes: ['sandbox.test'] },
    });
    expectConforms('createWebhookEndpoint', created);
    const issued: string[] = [created.json.secret];
    for (let i = 0; i < 40; i++) {
      const rotated = await call(mock.url, 'POST', `/v1/webhooks/endpoints/${created.json.id}/rotate-secret`, {
        token,
      });
      expectConforms('rotateWebhookSecret', rotated);
      issued.push(rotated.json.secret);
    }
    const send = () =>
      call(mock.url, 'POST', '/v1/sandbox/webhooks/test', { token, body: { endpointId: created.json.id } });
    secrets.push(issued[0] ?? ''); // the first secret was rotated out long ago
    expect((await send()).status).toBe(202);
    await receiver.waitFor(1); // the receiver reads its secrets on arrival
    secrets.splice(0, 1, issued.at(-MAX_ACTIVE_SIGNING_SECRETS) ?? ''); // the oldest still active
    expect((await send()).status).toBe(202);
    const [first, second] = await receiver.waitFor(2);
    for (const delivery of [first, second])
      expect(delivery?.signature.match(/v1=/g)).toHaveLength(MAX_ACTIVE_SIGNING_SECRETS);
    expect(first?.verificationError).toBe('WEBHOOK_SIGNATURE_MISMATCH');
    expect(second?.verificationError).toBeNull();
    expect(second?.signature.length).toBeLessThan(400);
  });
});
