import { describe, expect, it } from 'vitest';
import {
  ControlPaths,
  createReferenceMockControl,
  isReferenceMockError,
  startReferenceMock,
} from '../../harness/reference-mock/index.js';
import { call, claimBody, createClient, frozenClock } from './support/http.js';

describe('control plane', () => {
  it('works through a standalone typed client over HTTP only', async () => {
    await using mock = await startReferenceMock({ seed: 'control' });
    const control = createReferenceMockControl(`${mock.url}/`);
    try {
      expect(await control.personas()).toEqual(mock.personas);
      const fault = await control.injectFault({ kind: 'status', status: 503, count: 2 });
      expect(fault).toMatchObject({ kind: 'status', remaining: 2, status: 503 });
      expect((await call(mock.url, 'GET', '/health')).status).toBe(503);
      await control.clearFaults();
      expect((await call(mock.url, 'GET', '/health')).status).toBe(200);
      const before = await control.advanceClock(0);
      const after = await control.advanceClock(1500);
      expect(after.nowMs - before.nowMs).toBeGreaterThanOrEqual(1500);
    } finally {
      await control.close();
    }
  });

  it('reset forgets resources, rules, faults, journal and clock advances; personas stay', async () => {
    const clock = frozenClock();
    await using mock = await startReferenceMock({ clock });
    const token = mock.personas.sandbox.apiKey;
    const clientId = await createClient(mock.url, token);
    await mock.control.setClaimOutcome('rejected');
    await mock.control.setAuthorityRule({ mode: 'never' });
    await mock.control.injectFault({ kind: 'status', count: 100, match: { path: '/v1/nothing' } });
    await mock.control.advanceClock(60_000);
    await mock.control.reset();
    expect((await mock.control.advanceClock(0)).nowMs).toBe(clock());
    expect(await mock.control.journal()).toEqual([]);
    const gone = await call(mock.url, 'GET', `/v1/clients/${clientId}/authority`, { token });
    expect(gone.status).toBe(404);
    const fresh = await createClient(mock.url, token);
    expect((await call(mock.url, 'GET', `/v1/clients/${fresh}/authority`, { token })).json.status).toBe('granted');
    const claim = await call(mock.url, 'POST', '/v1/claims', { token, body: claimBody(fresh), idempotencyKey: 'r' });
    await mock.control.advanceClock(60);
    const status = await call(mock.url, 'GET', `/v1/claims/${claim.json.id}/status`, { token });
    expect(status.json.status).toBe('accepted');
    expect((await call(mock.url, 'GET', '/v1/nothing')).status).toBe(404);
  });

  it('answers unknown control routes and bad bodies with the error envelope', async () => {
    await using mock = await startReferenceMock();
    const unknown = await call(mock.url, 'GET', '/_mock/nothing');
    expect([unknown.status, unknown.json.error.code]).toEqual([404, 'route_not_found']);
    const wrongMethod = await call(mock.url, 'GET', ControlPaths.reset);
    expect([wrongMethod.status, wrongMethod.headers.allow]).toEqual([405, 'POST']);
    const bad = await call(mock.url, 'PUT', ControlPaths.authorityRule, { body: { mode: 'after' } });
    expect([bad.status, bad.json.error.code]).toEqual([422, 'validation_failed']);
    const malformed = await call(mock.url, 'POST', ControlPaths.clockAdvance, {
      rawBody: '{',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
  });

  it('reports an unreachable mock as a typed network error', async () => {
    const control = createReferenceMockControl('http://127.0.0.1:1');
    const error = await control.personas().catch((caught: unknown) => caught);
    expect(isReferenceMockError(error) && error.code).toBe('MOCK_ERR_CONTROL_NETWORK');
    await control.close();
  });
});
