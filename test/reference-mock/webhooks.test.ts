import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SigningSecret } from '../../harness/contract/index.js';
import { type StartedReferenceMock, startReferenceMock } from '../../harness/reference-mock/index.js';
import { call, expectConforms } from './support/http.js';
import { startReceiver } from './support/receiver.js';

let mock: StartedReferenceMock;
let token: string;
let now: number;
/**
 * Starts the shared mock. The attempt timeout is generous by default: tests that count successful
 * attempts must not see a slow, loaded machine as a receiver timeout. Only the test of timeouts
 * shortens it, against a receiver that never answers.
 */
const startMock = async (timeoutMs = 10_000) => {
  mock = await startReferenceMock({ seed: 'webhooks', clock: () => now, webhookDelivery: { timeoutMs } });
  token = mock.personas.sandbox.apiKey;
};
beforeEach(async () => {
  now = Date.now();
  await startMock();
});
afterEach(() => mock.close());

const register = async (url: string, eventTypes = ['sandbox.test', 'claim.status_changed']) => {
  const created = await call(mock.url, 'POST', '/v1/webhooks/endpoints', { token, body: { url, eventTypes } });
  expectConforms('createWebhookEndpoint', created);
  return created.json as { id: string; secret: string; secretPrefix: string };
};

const sendTest = async (endpointId: string) => {
  const sent = await call(mock.url, 'POST', '/v1/sandbox/webhooks/test', { token, body: { endpointId } });
  expectConforms('sendSandboxWebhookTest', sent);
  return sent.json as { deliveryId: string; eventId: string };
};

const deliveries = async (query = '') => {
  const page = await call(mock.url, 'GET', `/v1/webhook-deliveries${query}`, { token });
  expectConforms('listWebhookDeliveries', page);
  return page.json as {
    data: {
      id: string;
      status: string;
      attempts: { attempt: number; at: string; responseStatus: number | null; error: string | null }[];
      nextAttemptAt: string | null;
      eventType: string;
      endpointId: string;
    }[];
    hasMore: boolean;
    nextCursor: string | null;
  };
};

describe('webhook endpoints', () => {
  it('returns the whsec_ secret once; reads show only its prefix', async () => {
    const endpoint = await register('http://127.0.0.1:9/hook');
    expect(SigningSecret.safeParse(endpoint.secret).success).toBe(true);
    expect(endpoint.secret.length).toBeGreaterThanOrEqual(6 + 32);
    const read = await call(mock.url, 'GET', `/v1/webhooks/endpoints/${endpoint.id}`, { token });
    expectConforms('getWebhookEndpoint', read);
    expect(read.json.secret).toBeUndefined();
    expect(read.json.secretPrefix).toBe(endpoint.secret.slice(0, 12));
    expect(read.text).not.toContain(endpoint.secret);
  });

  it('refuses non-loopback URLs with 422 validation_failed naming the url field', async () => {
    const refused = await call(mock.url, 'POST', '/v1/webhooks/endpoints', {
      token,
      body: { url: 'https://partner.example.com/hooks', eventTypes: ['sandbox.test'] },
    });
    expect(refused.status).toBe(422);
    expect(refused.json.error.details).toEqual([{ field: 'url', reason: expect.stringMatching(/loopback/) }]);
  });

  it('delivers a signed sandbox.test event and logs the successful attempt', async () => {
    const secrets: string[] = [];
    await using receiver = await startReceiver({ secrets: () => secrets, now: () => now });
    const endpoint = await register(receiver.url);
    secrets.push(endpoint.secret);
    const sent = await sendTest(endpoint.id);
    const [delivery] = await receiver.waitFor(1);
    expect(delivery).toMatchObject({ eventId: sent.eventId, deliveryId: sent.deliveryId, verificationError: null });
    expect(delivery?.event).toMatchObject({ type: 'sandbox.test', partnerOrgId: mock.personas.sandbox.partnerOrgId });
    await expect.poll(async () => (await deliveries()).data[0]?.status).toBe('succeeded');
    const [logged] = (await deliveries()).data;
    expect(logged?.attempts).toEqual([
      { attempt: 1, at: new Date(now).toISOString(), responseStatus: 200, error: null, durationMs: expect.any(Number) },
    ]);
    expect(logged?.nextAttemptAt).toBeNull();
  });

  it('retries failed deliveries with exponential backoff on the mock clock, then marks them failed', async () => {
    await using receiver = await startReceiver({ secrets: () => [], respond: () => 500 });
    const endpoint = await register(receiver.url);
    const start = now;
    await sendTest(endpoint.id);
    await receiver.waitFor(1);
    await expect.poll(async () => (await deliveries()).data[0]?.status).toBe('retrying');
    let at = start;
    for (const [index, gap] of [1000, 2000, 4000, 8000].entries()) {
      const [pending] = (await deliveries()).data;
      expect(pending?.status).toBe('retrying');
      expect(pending?.nextAttemptAt).toBe(new Date(at + gap).toISOString());
      await mock.control.advanceClock(gap - 1);
      expect(receiver.received).toHaveLength(index + 1); // not a millisecond early
      await mock.control.advanceClock(1);
      expect(receiver.received).toHaveLength(index + 2);
      at += gap;
    }
    expect(receiver.received).toHaveLength(5);
    const [failed] = (await deliveries()).data;
    expect(failed?.status).toBe('failed');
    expect(failed?.nextAttemptAt).toBeNull();
    expect(failed?.attempts.map((a) => [a.attempt, a.responseStatus, Date.parse(a.at) - start])).toEqual([
      [1, 500, 0],
      [2, 500, 1000],
      [3, 500, 3000],
      [4, 500, 7000],
      [5, 500, 15000],
    ]);
    expect(new Set(receiver.received.map((d) => d.deliveryId)).size).toBe(1);
  });

  it('logs timeouts and connection errors as attempt errors, then succeeds on retry', async () => {
    await mock.close();
    await startMock(1000); // long enough for the retry's 200 on a busy machine, short for the test
    await using receiver = await startReceiver({ secrets: () => [], respond: (n) => (n === 1 ? 'hang' : 200) });
    const endpoint = await register(receiver.url);
    await sendTest(endpoint.id);
    await expect.poll(async () => (await deliveries()).data[0]?.attempts.length, { timeout: 5000 }).toBe(1);
    expect((await deliveries()).data[0]?.attempts[0]?.error).toMatch(/timeout/);
    await mock.control.advanceClock(1000);
    expect((await deliveries()).data[0]).toMatchObject({
      status: 'succeeded',
      attempts: [{}, { responseStatus: 200 }],
    });

    const closed = await startReceiver({ secrets: () => [] });
    const gone = await register(closed.url);
    await closed.close();
    await sendTest(gone.id);
    await expect
      .poll(async () => (await deliveries(`?endpointId=${gone.id}`)).data[0]?.attempts[0]?.error)
      .toMatch(/connection error: ECONNREFUSED/);
  });

  it('pages the delivery log newest first to the end, and filters it', async () => {
    await using receiver = await startReceiver({ secrets: () => [] });
    const endpoint = await register(receiver.url);
    const sent: string[] = [];
    for (let i = 0; i < 7; i++) sent.push((await sendTest(endpoint.id)).deliveryId);
    await receiver.waitFor(7);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await deliveries(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.data.map((d) => d.id));
      expect(page.hasMore).toBe(page.nextCursor !== null);
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null);
    expect(pages).toBe(3);
    expect(seen).toEqual([...sent].reverse());
    expect((await deliveries()).data).toHaveLength(7);
    expect((await deliveries('?eventType=claim.status_changed')).data).toHaveLength(0);
    expect((await deliveries(`?endpointId=${endpoint.id}&eventType=sandbox.test`)).data).toHaveLength(7);
    await expect.poll(async () => (await deliveries('?status=succeeded')).data.length).toBe(7);
    expect((await deliveries('?status=failed')).data).toHaveLength(0);
  });

  it('signs with one v1 per active secret after rotation, and drops the old one after 24 h', async () => {
    const secrets: string[] = [];
    let receiverOffset = 0; // the receiver's clock follows the mock's
    await using receiver = await startReceiver({ secrets: () => secrets, now: () => now + receiverOffset });
    const endpoint = await register(receiver.url);
    const rotated = await call(mock.url, 'POST', `/v1/webhooks/endpoints/${endpoint.id}/rotate-secret`, { token });
    expectConforms('rotateWebhookSecret', rotated);
    expect(rotated.json.secret).not.toBe(endpoint.secret);
    expect(rotated.json.secretPrefix).toBe(rotated.json.secret.slice(0, 12));
    secrets.push(endpoint.secret); // a receiver that has not picked up the new secret yet
    await sendTest(endpoint.id);
    const [during] = await receiver.waitFor(1);
    expect(during?.signature.match(/v1=/g)).toHaveLength(2);
    expect(during?.verificationError).toBeNull();
    const advanced = await mock.control.advanceClock(24 * 60 * 60 * 1000);
    receiverOffset = advanced.nowMs - now;
    await sendTest(endpoint.id);
    const [, after] = await receiver.waitFor(2);
    expect(after?.signature.match(/v1=/g)).toHaveLength(1);
    expect(after?.verificationError).toBe('WEBHOOK_SIGNATURE_MISMATCH');
    secrets.splice(0, 1, rotated.json.secret);
    await sendTest(endpoint.id);
    const [, , withNew] = await receiver.waitFor(3);
    expect(withNew?.verificationError).toBeNull();
  });

  it('hides other orgs endpoints and answers unknown ones with 404', async () => {
    const unknown = await call(mock.url, 'GET', '/v1/webhooks/endpoints/we_aaaaaaaaaaaaaaaaaaaa', { token });
    expect([unknown.status, unknown.json.error.code]).toEqual([404, 'resource_not_found']);
    const test = await call(mock.url, 'POST', '/v1/sandbox/webhooks/test', {
      token,
      body: { endpointId: 'we_aaaaaaaaaaaaaaaaaaaa' },
    });
    expect(test.status).toBe(404);
  });
});
