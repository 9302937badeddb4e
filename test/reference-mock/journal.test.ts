import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type StartedReferenceMock, startReferenceMock } from '../../harness/reference-mock/index.js';
import { call, claimBody, createClient, frozenClock } from './support/http.js';

let mock: StartedReferenceMock;
let token: string;
beforeEach(async () => {
  mock = await startReferenceMock({ seed: 'journal', clock: frozenClock() });
  token = mock.personas.sandbox.apiKey;
});
afterEach(() => mock.close());

describe('request journal', () => {
  it('records each API request precisely, oldest first', async () => {
    const clientId = await createClient(mock.url, token);
    const before = Date.now();
    await call(mock.url, 'POST', '/v1/claims', {
      token,
      body: claimBody(clientId),
      idempotencyKey: 'order-1',
      headers: { 'x-correlation-id': 'corr-from-partner' },
    });
    await call(mock.url, 'GET', '/v1/webhook-deliveries?limit=2', { token });
    const entries = await mock.control.journal();
    expect(entries).toHaveLength(3);
    const [, claim, list] = entries;
    expect(claim).toEqual({
      seq: 2,
      receivedAt: expect.any(Number),
      clockAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      method: 'POST',
      path: '/v1/claims',
      operationId: 'createClaim',
      query: {},
      status: 202,
      errorCode: null,
      requestId: expect.stringMatching(/^req_/),
      correlationIdSent: 'corr-from-partner',
      traceparent: null,
      idempotencyKey: 'order-1',
      credentialPrefix: token.slice(0, 12),
      fault: null,
      replayed: false,
      durationMs: expect.any(Number),
    });
    expect(claim?.receivedAt).toBeGreaterThanOrEqual(before - 1);
    expect(list).toMatchObject({
      operationId: 'listWebhookDeliveries',
      query: { limit: '2' },
      correlationIdSent: null,
    });
  });

  it('shows what a grader needs: retries with the same key, replays, faults and errors', async () => {
    const clientId = await createClient(mock.url, token);
    await mock.control.injectFault({ kind: 'status', status: 503, match: { operationId: 'createClaim' } });
    await mock.control.injectFault({ kind: 'drop', match: { operationId: 'createClaim' } });
    const body = claimBody(clientId);
    expect((await call(mock.url, 'POST', '/v1/claims', { token, body, idempotencyKey: 'k' })).status).toBe(503);
    await expect(call(mock.url, 'POST', '/v1/claims', { token, body, idempotencyKey: 'k' })).rejects.toThrow();
    expect((await call(mock.url, 'POST', '/v1/claims', { token, body, idempotencyKey: 'k' })).status).toBe(202);
    expect((await call(mock.url, 'POST', '/v1/claims', { token, body, idempotencyKey: 'k' })).status).toBe(202);
    await call(mock.url, 'GET', '/v1/unknown', { token: 'dc_test_wrongwrongwrongwrongwrongwrong' });
    const entries = (await mock.control.journal()).slice(1);
    expect(entries.map((e) => [e.status, e.errorCode, e.fault, e.replayed, e.idempotencyKey])).toEqual([
      [503, 'service_unavailable', 'status', false, 'k'],
      [null, null, 'drop', false, 'k'],
      [202, null, null, false, 'k'],
      [202, null, null, true, 'k'],
      [404, 'route_not_found', null, false, null],
    ]);
    expect(entries.at(-1)).toMatchObject({ operationId: null, credentialPrefix: 'dc_test_wron' });
  });

  it('never stores a full credential, and leaves control-plane calls out', async () => {
    await call(mock.url, 'GET', `/v1/partner-organizations/${mock.personas.sandbox.partnerOrgId}`, { token });
    const { clientId, clientSecret } = mock.personas.sandbox.oauthClient;
    await call(mock.url, 'POST', '/oauth/token', {
      rawBody: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await mock.control.advanceClock(5);
    await mock.control.personas();
    const entries = await mock.control.journal();
    expect(entries.map((e) => e.operationId)).toEqual(['getPartnerOrganization', 'createOAuthToken']);
    expect(entries[1]?.credentialPrefix).toBe(clientId.slice(0, 12));
    const text = JSON.stringify(entries);
    expect(text).not.toContain(token);
    expect(text).not.toContain(clientSecret);
  });

  it('clears on request and keeps counting seq', async () => {
    await call(mock.url, 'GET', '/health');
    await mock.control.clearJournal();
    expect(await mock.control.journal()).toEqual([]);
    await call(mock.url, 'GET', '/health');
    expect((await mock.control.journal())[0]?.seq).toBe(2);
  });

  it('is a bounded ring', async () => {
    await using small = await startReferenceMock({ journalCapacity: 3 });
    for (let i = 0; i < 5; i++) await call(small.url, 'GET', `/health?i=${i}`);
    const entries = await small.control.journal();
    expect(entries.map((e) => e.query.i)).toEqual(['2', '3', '4']);
  });
});
