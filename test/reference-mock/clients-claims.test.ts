import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type StartedReferenceMock, startReferenceMock } from '../../harness/reference-mock/index.js';
import { call, claimBody, clientBody, createClient, expectConforms, frozenClock } from './support/http.js';
import { startReceiver } from './support/receiver.js';

let mock: StartedReferenceMock;
let token: string;
beforeEach(async () => {
  mock = await startReferenceMock({ seed: 'claims', clock: frozenClock() });
  token = mock.personas.sandbox.apiKey;
});
afterEach(() => mock.close());

describe('clients', () => {
  it('creates a client and answers a second one with the same externalRef with 409 and resourceId', async () => {
    const created = await call(mock.url, 'POST', '/v1/clients', { token, body: clientBody('erp-7') });
    expectConforms('createClient', created);
    const again = await call(mock.url, 'POST', '/v1/clients', {
      token,
      body: { ...clientBody('erp-7'), name: 'Other' },
    });
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: 'client_already_exists', resourceId: created.json.id });
  });

  it('grants authority immediately by default', async () => {
    const clientId = await createClient(mock.url, token);
    const authority = await call(mock.url, 'GET', `/v1/clients/${clientId}/authority`, { token });
    expectConforms('getClientAuthority', authority);
    expect(authority.json).toMatchObject({ status: 'granted', grantedAt: expect.any(String) });
  });

  it('grants authority after N ms of mock clock under the "after" rule', async () => {
    await mock.control.setAuthorityRule({ mode: 'after', afterMs: 5000 });
    const clientId = await createClient(mock.url, token);
    const path = `/v1/clients/${clientId}/authority`;
    expect((await call(mock.url, 'GET', path, { token })).json.status).toBe('pending');
    const refused = await call(mock.url, 'POST', '/v1/claims', {
      token,
      body: claimBody(clientId),
      idempotencyKey: 'a1',
    });
    expect([refused.status, refused.json.error.code]).toEqual([409, 'authority_not_granted']);
    await mock.control.advanceClock(4999);
    expect((await call(mock.url, 'GET', path, { token })).json.status).toBe('pending');
    await mock.control.advanceClock(1);
    const granted = await call(mock.url, 'GET', path, { token });
    expect(granted.json.status).toBe('granted');
    const claim = await call(mock.url, 'POST', '/v1/claims', {
      token,
      body: claimBody(clientId),
      idempotencyKey: 'a2',
    });
    expect(claim.status).toBe(202);
  });

  it('never grants authority under the "never" rule', async () => {
    await using never = await startReferenceMock({ authority: { mode: 'never' }, clock: frozenClock() });
    const key = never.personas.sandbox.apiKey;
    const clientId = await createClient(never.url, key);
    await never.control.advanceClock(365 * 24 * 3600 * 1000);
    expect((await call(never.url, 'GET', `/v1/clients/${clientId}/authority`, { token: key })).json.status).toBe(
      'pending',
    );
    const claim = await call(never.url, 'POST', '/v1/claims', {
      token: key,
      body: claimBody(clientId),
      idempotencyKey: 'n',
    });
    expect(claim.json.error.code).toBe('authority_not_granted');
  });

  it('answers 404 for clients and claims that are not visible to the credential', async () => {
    const ghost = 'cli_aaaaaaaaaaaaaaaaaaaa';
    const claim = await call(mock.url, 'POST', '/v1/claims', { token, body: claimBody(ghost), idempotencyKey: 'g' });
    expect([claim.status, claim.json.error.code]).toEqual([404, 'resource_not_found']);
    const authority = await call(mock.url, 'GET', `/v1/clients/${ghost}/authority`, { token });
    expect(authority.status).toBe(404);
    const status = await call(mock.url, 'GET', '/v1/claims/clm_aaaaaaaaaaaaaaaaaaaa/status', { token });
    expect(status.status).toBe(404);
  });
});

describe('claims lifecycle', () => {
  it('moves received -> validating -> submitted -> accepted on the mock clock, and deliveries agree', async () => {
    const secrets: string[] = [];
    await using receiver = await startReceiver({ secrets: () => secrets });
    const endpoint = await call(mock.url, 'POST', '/v1/webhooks/endpoints', {
      token,
      body: { url: receiver.url, eventTypes: ['claim.status_changed'] },
    });
    secrets.push(endpoint.json.secret);
    const clientId = await createClient(mock.url, token);
    const created = await call(mock.url, 'POST', '/v1/claims', {
      token,
      body: claimBody(clientId),
      idempotencyKey: 'life',
    });
    expect(created.json.status).toBe('received');
    const statusPath = `/v1/claims/${created.json.id}/status`;
    const seen: string[] = [];
    for (const step of [20, 20, 20]) {
      await mock.control.advanceClock(step);
      const read = await call(mock.url, 'GET', statusPath, { token });
      expectConforms('getClaimStatus', read);
      seen.push(read.json.status);
    }
    expect(seen).toEqual(['validating', 'submitted', 'accepted']);
    const final = await call(mock.url, 'GET', statusPath, { token });
    expect(final.json.terminal).toBe(true);
    expect(final.json.history.map((h: { status: string }) => h.status)).toEqual([
      'received',
      'validating',
      'submitted',
      'accepted',
    ]);
    const deliveries = await receiver.waitFor(4);
    expect(deliveries.every((d) => d.verificationError === null)).toBe(true);
    const events = deliveries.map((d) => d.event);
    expect(
      events.map((e) => (e.type === 'claim.status_changed' ? [e.data.previousStatus, e.data.status] : null)),
    ).toEqual([
      [null, 'received'],
      ['received', 'validating'],
      ['validating', 'submitted'],
      ['submitted', 'accepted'],
    ]);
    expect(new Set(deliveries.map((d) => d.eventId)).size).toBe(4);
    for (const d of deliveries) expect(d.event.id).toBe(d.eventId);
    // History timestamps and event times are the same mock instants.
    expect(events.map((e) => e.createdAt)).toEqual(final.json.history.map((h: { at: string }) => h.at));
  });

  it('ends in rejected, with a reason, under the rejected outcome rule', async () => {
    await mock.control.setClaimOutcome('rejected');
    const clientId = await createClient(mock.url, token);
    const created = await call(mock.url, 'POST', '/v1/claims', {
      token,
      body: claimBody(clientId),
      idempotencyKey: 'rej',
    });
    await mock.control.advanceClock(60);
    const read = await call(mock.url, 'GET', `/v1/claims/${created.json.id}/status`, { token });
    expect(read.json).toMatchObject({ status: 'rejected', terminal: true });
    expect(read.json.history.at(-1).reason).toMatch(/rejected/);
  });

  it('follows a custom timeline on real timers without advancing the clock', async () => {
    await using timed = await startReferenceMock({
      timeline: { validatingAfterMs: 5, submittedAfterMs: 10, decidedAfterMs: 15 },
    });
    const key = timed.personas.sandbox.apiKey;
    const clientId = await createClient(timed.url, key);
    const created = await call(timed.url, 'POST', '/v1/claims', {
      token: key,
      body: claimBody(clientId),
      idempotencyKey: 't',
    });
    // Real timers fire 15 ms after creation at the earliest; poll rather than guess how late on a busy machine.
    await expect
      .poll(
        async () => (await call(timed.url, 'GET', `/v1/claims/${created.json.id}/status`, { token: key })).json.status,
        {
          timeout: 5000,
        },
      )
      .toBe('accepted');
    const final = await call(timed.url, 'GET', `/v1/claims/${created.json.id}/status`, { token: key });
    expect(final.json.history.map((h: { status: string }) => h.status)).toEqual([
      'received',
      'validating',
      'submitted',
      'accepted',
    ]);
  });

  it('only delivers to endpoints subscribed to the event type', async () => {
    const secrets: string[] = [];
    await using subscribed = await startReceiver({ secrets: () => secrets });
    await using other = await startReceiver({ secrets: () => secrets });
    for (const [url, eventTypes] of [
      [subscribed.url, ['claim.status_changed']],
      [other.url, ['sandbox.test']],
    ] as const) {
      const endpoint = await call(mock.url, 'POST', '/v1/webhooks/endpoints', { token, body: { url, eventTypes } });
      secrets.push(endpoint.json.secret);
    }
    const clientId = await createClient(mock.url, token);
    await call(mock.url, 'POST', '/v1/claims', { token, body: claimBody(clientId), idempotencyKey: 'sub' });
    await mock.control.advanceClock(60);
    expect(await subscribed.waitFor(4)).toHaveLength(4);
    expect(other.received).toHaveLength(0);
  });
});
