import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type StartedReferenceMock, startReferenceMock } from '../../harness/reference-mock/index.js';
import { call, claimBody, clientBody, createClient, expectConforms, frozenClock } from './support/http.js';
import { openRaw, requestHead } from './support/raw-http.js';

let mock: StartedReferenceMock;
let token: string;
beforeEach(async () => {
  mock = await startReferenceMock({ seed: 'idem', clock: frozenClock() });
  token = mock.personas.sandbox.apiKey;
});
afterEach(() => mock.close());

describe('idempotency', () => {
  it('replays the stored response for the same key and body, with a new request id', async () => {
    const clientId = await createClient(mock.url, token);
    const first = await call(mock.url, 'POST', '/v1/claims', {
      token,
      body: claimBody(clientId),
      idempotencyKey: 'k-1',
    });
    expectConforms('createClaim', first);
    // Same body, other key order and spacing: canonically equal, so a replay.
    const { reference, amount, claimType } = claimBody(clientId);
    const again = await call(mock.url, 'POST', '/v1/claims', {
      token,
      rawBody: JSON.stringify({ reference, amount, claimType, clientId }, null, 2),
      headers: { 'content-type': 'application/json' },
      idempotencyKey: 'k-1',
    });
    expect(again.status).toBe(202);
    expect(again.text).toBe(first.text);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBe('false');
    expect(again.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
  });

  it('answers 409 idempotency_key_reused for the same key with another body', async () => {
    const clientId = await createClient(mock.url, token);
    await call(mock.url, 'POST', '/v1/claims', { token, body: claimBody(clientId, 'a'), idempotencyKey: 'k-2' });
    const reused = await call(mock.url, 'POST', '/v1/claims', {
      token,
      body: claimBody(clientId, 'b'),
      idempotencyKey: 'k-2',
    });
    expect([reused.status, reused.json.error.code, reused.json.error.type]).toEqual([
      409,
      'idempotency_key_reused',
      'idempotency_error',
    ]);
  });

  it('creates exactly one claim from 20 concurrent requests with one key', async () => {
    const clientId = await createClient(mock.url, token);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        call(mock.url, 'POST', '/v1/claims', { token, body: claimBody(clientId), idempotencyKey: 'k-race' }),
      ),
    );
    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([202]));
    expect(new Set(responses.map((r) => r.json.id)).size).toBe(1);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'false')).toHaveLength(1);
    const journal = (await mock.control.journal()).filter((e) => e.operationId === 'createClaim');
    expect(journal).toHaveLength(20);
    expect(journal.filter((e) => e.replayed)).toHaveLength(19);
  });

  it('makes a request with the same key wait while the first is still in flight, then replays it', async () => {
    const clientId = await createClient(mock.url, token);
    const json = JSON.stringify(claimBody(clientId));
    const head = requestHead('POST', '/v1/claims', {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': 'k-slow',
      'content-length': String(Buffer.byteLength(json)),
      // Node answers 100 Continue right before it runs the mock's handler, which reserves the key.
      expect: '100-continue',
    });
    await using first = await openRaw(mock.port);
    first.write(head);
    await first.waitFor(/100 Continue/);
    first.write(json.slice(0, 10)); // the first request is in flight: key reserved, body incomplete
    await using second = await openRaw(mock.port);
    second.write(head);
    await second.waitFor(/100 Continue/);
    second.write(json); // complete, yet it must wait for the first
    const claimsJournaled = async () => (await mock.control.journal()).filter((e) => e.operationId === 'createClaim');
    expect(await claimsJournaled()).toEqual([]);
    first.write(json.slice(10));
    const firstResponse = await first.response();
    const secondResponse = await second.response();
    expect([firstResponse.status, secondResponse.status]).toEqual([202, 202]);
    expect(JSON.parse(secondResponse.body).id).toBe(JSON.parse(firstResponse.body).id);
    expect([firstResponse.headers['idempotent-replayed'], secondResponse.headers['idempotent-replayed']]).toEqual([
      'false',
      'true',
    ]);
    expect((await claimsJournaled()).map((e) => e.replayed)).toEqual([false, true]);
  });

  it('keeps the key free when the first attempt wrote nothing, so the corrected retry executes', async () => {
    await mock.control.setAuthorityRule({ mode: 'after', afterMs: 1000 });
    const clientId = await createClient(mock.url, token);
    const refused = await call(mock.url, 'POST', '/v1/claims', {
      token,
      body: claimBody(clientId),
      idempotencyKey: 'k-3',
    });
    expect(refused.json.error.code).toBe('authority_not_granted');
    await mock.control.advanceClock(1000);
    const retried = await call(mock.url, 'POST', '/v1/claims', {
      token,
      body: claimBody(clientId),
      idempotencyKey: 'k-3',
    });
    expect([retried.status, retried.headers['idempotent-replayed']]).toEqual([202, 'false']);
  });

  it('scopes keys per operation and forgets them after 24 h of mock time', async () => {
    const first = await call(mock.url, 'POST', '/v1/clients', {
      token,
      body: clientBody('c-1'),
      idempotencyKey: 'shared',
    });
    expect(first.status).toBe(201);
    const clientId = first.json.id as string;
    const claim = await call(mock.url, 'POST', '/v1/claims', {
      token,
      body: claimBody(clientId),
      idempotencyKey: 'shared',
    });
    expect([claim.status, claim.headers['idempotent-replayed']]).toEqual([202, 'false']);
    const replay = await call(mock.url, 'POST', '/v1/clients', {
      token,
      body: clientBody('c-1'),
      idempotencyKey: 'shared',
    });
    expect([replay.status, replay.json.id, replay.headers['idempotent-replayed']]).toEqual([201, clientId, 'true']);
    await mock.control.advanceClock(24 * 60 * 60 * 1000);
    const expired = await call(mock.url, 'POST', '/v1/clients', {
      token,
      body: clientBody('c-1'),
      idempotencyKey: 'shared',
    });
    expect([expired.status, expired.json.error.code]).toEqual([409, 'client_already_exists']);
  });

  it('applies optional keys on webhook writes the same way', async () => {
    const body = { url: 'http://127.0.0.1:9/hook', eventTypes: ['sandbox.test'] };
    const created = await call(mock.url, 'POST', '/v1/webhooks/endpoints', { token, body, idempotencyKey: 'we-1' });
    const replayed = await call(mock.url, 'POST', '/v1/webhooks/endpoints', { token, body, idempotencyKey: 'we-1' });
    expect(replayed.json).toEqual(created.json);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    const rotate = `/v1/webhooks/endpoints/${created.json.id}/rotate-secret`;
    const rotated = await call(mock.url, 'POST', rotate, { token, idempotencyKey: 'rot-1' });
    const rotatedAgain = await call(mock.url, 'POST', rotate, { token, idempotencyKey: 'rot-1' });
    expect(rotatedAgain.json.secret).toBe(rotated.json.secret);
    const rotatedNew = await call(mock.url, 'POST', rotate, { token, idempotencyKey: 'rot-2' });
    expect(rotatedNew.json.secret).not.toBe(rotated.json.secret);
  });
});
