import { afterEach, describe, expect, it } from 'vitest';
import { type StartedReferenceMock, startReferenceMock } from '../../harness/reference-mock/index.js';
import { call } from './support/http.js';
import { startReceiver } from './support/receiver.js';

let mock: StartedReferenceMock | undefined;
afterEach(() => mock?.close());

const DAY_MS = 24 * 60 * 60 * 1000;

/** One sandbox.test delivery after moving the mock clock a day ahead, to a receiver on real time. */
async function deliverAfterAdvance(signingClock?: 'mock' | 'real') {
  mock = await startReferenceMock({
    seed: 'signing-clock',
    timers: 'manual',
    webhookDelivery: { timeoutMs: 10_000, ...(signingClock ? { signingClock } : {}) },
  });
  const token = mock.personas.sandbox.apiKey;
  const secrets: string[] = [];
  const receiver = await startReceiver({ secrets: () => secrets }); // verifies against Date.now
  try {
    const endpoint = await call(mock.url, 'POST', '/v1/webhooks/endpoints', {
      token,
      body: { url: receiver.url, eventTypes: ['sandbox.test'] },
    });
    secrets.push(endpoint.json.secret);
    await mock.control.advanceClock(DAY_MS);
    await call(mock.url, 'POST', '/v1/sandbox/webhooks/test', { token, body: { endpointId: endpoint.json.id } });
    const [delivery] = await receiver.waitFor(1);
    return delivery;
  } finally {
    await receiver.close();
  }
}

describe('the clock deliveries are signed with', () => {
  it('is the mock clock by default: after advancing it, a receiver on real time rejects the delivery', async () => {
    const delivery = await deliverAfterAdvance();
    expect(delivery?.verificationError).toBe('WEBHOOK_TIMESTAMP_IN_FUTURE');
  });

  it('can be the real clock, which a receiver on real time accepts whatever the mock clock says', async () => {
    const delivery = await deliverAfterAdvance('real');
    expect(delivery?.verificationError).toBeNull();
  });
});
