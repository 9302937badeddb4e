import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type StartedReferenceMock, startReferenceMock } from '../../harness/reference-mock/index.js';
import { call, expectConforms } from './support/http.js';
import { startReceiver } from './support/receiver.js';

let mock: StartedReferenceMock;
let token: string;
const now = Date.now();
beforeEach(async () => {
  mock = await startReferenceMock({
    seed: 'webhook-disable',
    clock: () => now,
    webhookDelivery: { timeoutMs: 10_000 },
  });
  token = mock.personas.sandbox.apiKey;
});
afterEach(() => mock.close());

const deliveries = async () =>
  (await call(mock.url, 'GET', '/v1/webhook-deliveries', { token })).json.data as {
    status: string;
    attempts: unknown[];
  }[];

describe('disabling a webhook endpoint', () => {
  it('answers the endpoint as disabled, stops its retries and refuses new test deliveries', async () => {
    await using receiver = await startReceiver({ secrets: () => [], respond: () => 500 });
    const created = await call(mock.url, 'POST', '/v1/webhooks/endpoints', {
      token,
      body: { url: receiver.url, eventTypes: ['sandbox.test', 'claim.status_changed'] },
    });
    const id = created.json.id as string;
    await call(mock.url, 'POST', '/v1/sandbox/webhooks/test', { token, body: { endpointId: id } });
    await receiver.waitFor(1);
    await expect.poll(async () => (await deliveries())[0]?.status).toBe('retrying');

    const disabled = await call(mock.url, 'POST', `/v1/webhooks/endpoints/${id}/disable`, { token });
    expectConforms('disableWebhookEndpoint', disabled);
    expect(disabled.json.status).toBe('disabled');
    expect((await call(mock.url, 'GET', `/v1/webhooks/endpoints/${id}`, { token })).json.status).toBe('disabled');
    expect((await call(mock.url, 'POST', `/v1/webhooks/endpoints/${id}/disable`, { token })).status).toBe(200);

    await mock.control.advanceClock(60 * 60 * 1000); // past every retry of the schedule
    const [stopped] = await deliveries();
    expect([stopped?.status, stopped?.attempts.length]).toEqual(['failed', 1]);
    expect(receiver.received).toHaveLength(1);

    const refused = await call(mock.url, 'POST', '/v1/sandbox/webhooks/test', { token, body: { endpointId: id } });
    expect([refused.status, refused.json.error.code]).toEqual([422, 'validation_failed']);
  });

  it('hides another org endpoint from disabling', async () => {
    const other = await call(mock.url, 'POST', '/v1/webhooks/endpoints/we_aaaaaaaaaaaaaaaaaaaa/disable', { token });
    expect([other.status, other.json.error.code]).toEqual([404, 'resource_not_found']);
  });
});
