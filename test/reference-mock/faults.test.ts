import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorEnvelope } from '../../harness/contract/index.js';
import { type StartedReferenceMock, startReferenceMock } from '../../harness/reference-mock/index.js';
import { call, frozenClock } from './support/http.js';
import { startReceiver } from './support/receiver.js';

let mock: StartedReferenceMock;
let token: string;
let orgPath: string;
beforeEach(async () => {
  mock = await startReferenceMock({ seed: 'faults', clock: frozenClock() });
  token = mock.personas.sandbox.apiKey;
  orgPath = `/v1/partner-organizations/${mock.personas.sandbox.partnerOrgId}`;
});
afterEach(() => mock.close());

describe('faults', () => {
  it('status: answers the next N matching requests with the status and the envelope', async () => {
    await mock.control.injectFault({
      kind: 'status',
      status: 500,
      count: 2,
      match: { operationId: 'getPartnerOrganization' },
    });
    expect((await call(mock.url, 'GET', '/health')).status).toBe(200);
    const first = await call(mock.url, 'GET', orgPath, { token });
    expect([first.status, ErrorEnvelope.parse(first.json).error.code]).toEqual([500, 'internal_error']);
    expect(first.headers['x-request-id']).toMatch(/^req_/);
    expect((await call(mock.url, 'GET', orgPath, { token })).status).toBe(500);
    expect((await call(mock.url, 'GET', orgPath, { token })).status).toBe(200);
  });

  it('status 503 carries Retry-After', async () => {
    await mock.control.injectFault({ kind: 'status', status: 503, retryAfterSeconds: 7 });
    const response = await call(mock.url, 'GET', orgPath, { token });
    expect([response.status, response.json.error.code, response.headers['retry-after']]).toEqual([
      503,
      'service_unavailable',
      '7',
    ]);
  });

  it('status: the envelope says the retry strategy and code the fault names (no_retry 503, revoked key, API disabled)', async () => {
    await mock.control.injectFault({ kind: 'status', status: 503, retryStrategy: 'no_retry', retryAfterSeconds: 0 });
    const noRetry = await call(mock.url, 'GET', orgPath, { token });
    expect([noRetry.status, noRetry.headers['retry-after']]).toEqual([503, '0']);
    expect(ErrorEnvelope.parse(noRetry.json).error).toMatchObject({
      code: 'service_unavailable',
      retryStrategy: 'no_retry',
    });
    const listed = await mock.control.injectFault({ kind: 'status', errorCode: 'credential_invalid' });
    expect(listed).toMatchObject({ errorCode: 'credential_invalid', retryStrategy: null, status: null });
    const revoked = await call(mock.url, 'GET', orgPath, { token });
    expect(revoked.status).toBe(401);
    expect(ErrorEnvelope.parse(revoked.json).error).toMatchObject({
      code: 'credential_invalid',
      retryStrategy: 'no_retry',
    });
    await mock.control.injectFault({ kind: 'status', errorCode: 'api_disabled' });
    const disabled = await call(mock.url, 'GET', orgPath, { token });
    expect(disabled.status).toBe(403);
    expect(ErrorEnvelope.parse(disabled.json).error).toMatchObject({
      type: 'permission_error',
      code: 'api_disabled',
      retryStrategy: 'contact_support',
    });
    expect((await call(mock.url, 'GET', orgPath, { token })).status).toBe(200);
  });

  it('rejects a fault naming an error code or retry strategy the contract does not have', async () => {
    for (const body of [
      { kind: 'status', errorCode: 'api_switched_off' },
      { kind: 'status', status: 503, retryStrategy: 'retry_later' },
    ]) {
      const response = await call(mock.url, 'POST', '/_mock/faults', { body });
      expect(response.status, response.text).toBe(422);
    }
  });

  it('rate_limit: 429 with Retry-After seconds and no remaining quota', async () => {
    await mock.control.injectFault({ kind: 'rate_limit', retryAfterSeconds: 3 });
    const response = await call(mock.url, 'GET', orgPath, { token });
    expect([response.status, response.json.error.code, response.headers['retry-after']]).toEqual([
      429,
      'rate_limited',
      '3',
    ]);
    expect(response.headers['x-ratelimit-remaining']).toBe('0');
  });

  it('delay: waits delayMs of real time, then answers normally', async () => {
    await mock.control.injectFault({ kind: 'delay', delayMs: 150 });
    const started = performance.now();
    const response = await call(mock.url, 'GET', orgPath, { token });
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('drop: destroys the socket without a response', async () => {
    await mock.control.injectFault({ kind: 'drop' });
    await expect(call(mock.url, 'GET', orgPath, { token })).rejects.toThrow(/other side closed|socket|ECONNRESET/i);
    expect((await call(mock.url, 'GET', orgPath, { token })).status).toBe(200);
  });

  it('hang: never answers until the mock closes, and close() releases it promptly', async () => {
    await using hanging = await startReferenceMock();
    await hanging.control.injectFault({ kind: 'hang' });
    let settled = false;
    const pending = request(`${hanging.url}/health`).then(
      () => (settled = true),
      (error: unknown) => {
        settled = true;
        return error;
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(settled).toBe(false);
    await hanging.close();
    // Released by close(): the socket is destroyed, so the request fails instead of being answered.
    // Nothing else ends a hang (it is exempt from the idle deadline, and the client waits minutes for
    // headers): if close() left it open, close() or this await would never settle and the test times out.
    expect(await pending).toMatchObject({ code: 'UND_ERR_SOCKET' });
  });

  it('duplicate_delivery: sends the next delivery twice, same event id, different delivery ids', async () => {
    const secrets: string[] = [];
    await using receiver = await startReceiver({ secrets: () => secrets });
    const endpoint = await call(mock.url, 'POST', '/v1/webhooks/endpoints', {
      token,
      body: { url: receiver.url, eventTypes: ['sandbox.test'] },
    });
    secrets.push(endpoint.json.secret);
    await mock.control.injectFault({ kind: 'duplicate_delivery', count: 1 });
    await call(mock.url, 'POST', '/v1/sandbox/webhooks/test', { token, body: { endpointId: endpoint.json.id } });
    const [one, two] = await receiver.waitFor(2);
    expect(one?.eventId).toBe(two?.eventId);
    expect(one?.deliveryId).not.toBe(two?.deliveryId);
    expect(one?.rawBody).toBe(two?.rawBody);
    expect([one?.verificationError, two?.verificationError]).toEqual([null, null]);
    await call(mock.url, 'POST', '/v1/sandbox/webhooks/test', { token, body: { endpointId: endpoint.json.id } });
    await receiver.waitFor(3);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(receiver.received).toHaveLength(3);
  });

  it('matches by method and path (concrete or template), and never touches the control plane', async () => {
    await mock.control.injectFault({
      kind: 'status',
      status: 503,
      count: 5,
      match: { method: 'GET', path: '/health' },
    });
    expect((await mock.control.personas()).seed).toBe('faults');
    expect((await call(mock.url, 'GET', orgPath, { token })).status).toBe(200);
    expect((await call(mock.url, 'GET', '/health')).status).toBe(503);
    await mock.control.clearFaults();
    expect((await call(mock.url, 'GET', '/health')).status).toBe(200);
    await mock.control.injectFault({
      kind: 'status',
      status: 502,
      match: { path: '/v1/partner-organizations/{partnerOrgId}' },
    });
    const templated = await call(mock.url, 'GET', orgPath, { token });
    expect([templated.status, templated.headers['retry-after']]).toEqual([502, '1']);
  });

  it('rejects an invalid fault with a typed control error', async () => {
    const error = await mock.control.injectFault({ kind: 'status', status: 299 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'ReferenceMockError', code: 'MOCK_ERR_CONTROL', status: 422 });
    expect((error as { details: { field: string }[] }).details[0]?.field).toBe('status');
  });
});
