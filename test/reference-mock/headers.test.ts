import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_PIN, ErrorCodes, ErrorEnvelope, Headers } from '../../harness/contract/index.js';
import { type StartedReferenceMock, startReferenceMock } from '../../harness/reference-mock/index.js';
import { type ApiResponse, call, claimBody, createClient, expectConforms } from './support/http.js';

let mock: StartedReferenceMock;
beforeAll(async () => {
  mock = await startReferenceMock({ seed: 'headers' });
});
afterAll(() => mock.close());

const STANDARD = [
  Headers.requestId,
  Headers.correlationId,
  Headers.rateLimitLimit,
  Headers.rateLimitRemaining,
  Headers.rateLimitReset,
  Headers.contractHash,
  Headers.environment,
].map((name) => name.toLowerCase());

function expectStandardHeaders(response: ApiResponse) {
  for (const name of STANDARD) expect(response.headers[name], `${name} on ${response.status}`).toBeDefined();
  expect(response.headers['x-request-id']).toMatch(/^req_[0-9a-z]{20}$/);
  expect(response.headers['dutyclaims-contract-hash']).toBe(CONTRACT_PIN.hash);
  expect(response.headers['dutyclaims-environment']).toBe('sandbox');
  expect(Number(response.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000 - 1);
}

function expectEnvelope(response: ApiResponse, code: keyof typeof ErrorCodes) {
  expect(response.status, response.text).toBe(ErrorCodes[code].status);
  const envelope = ErrorEnvelope.parse(response.json);
  expect(envelope.error).toMatchObject({
    code,
    type: ErrorCodes[code].type,
    retryStrategy: ErrorCodes[code].retryStrategy,
    requestId: response.headers['x-request-id'],
    correlationId: response.headers['x-correlation-id'],
  });
  expectStandardHeaders(response);
}

describe('headers on every response', () => {
  it('carries the standard headers on successes and on every kind of error', async () => {
    const key = mock.personas.sandbox.apiKey;
    const ok = await call(mock.url, 'GET', '/health');
    expectStandardHeaders(ok);
    expectConforms('health', ok);
    expectEnvelope(await call(mock.url, 'GET', '/v1/claims/clm_aaaaaaaaaaaaaaaaaaaa/status'), 'credential_missing');
    expectEnvelope(await call(mock.url, 'GET', '/v1/nope', { token: key }), 'route_not_found');
    expectEnvelope(await call(mock.url, 'PUT', '/v1/claims', { token: key }), 'method_not_allowed');
    expectEnvelope(
      await call(mock.url, 'POST', '/v1/clients', {
        token: key,
        rawBody: '{"x":',
        headers: { 'content-type': 'application/json' },
      }),
      'malformed_json',
    );
    expectEnvelope(await call(mock.url, 'POST', '/v1/clients', { token: key, body: {} }), 'validation_failed');
  });

  it('echoes X-Correlation-Id, or generates one, and rejects an invalid one with invalid_header', async () => {
    const echoed = await call(mock.url, 'GET', '/health', { headers: { 'x-correlation-id': 'order-42/attempt-1' } });
    expect(echoed.headers['x-correlation-id']).toBe('order-42/attempt-1');
    const generated = await call(mock.url, 'GET', '/health');
    expect(generated.headers['x-correlation-id']).toMatch(/^corr_[0-9a-z]{20}$/);
    const invalid = await call(mock.url, 'GET', '/health', { headers: { 'x-correlation-id': 'has spaces' } });
    expectEnvelope(invalid, 'invalid_header');
    expect(invalid.json.error.details).toEqual([{ field: 'X-Correlation-Id', reason: expect.any(String) }]);
    expect(invalid.headers['x-correlation-id']).toMatch(/^corr_/);
  });

  it('gives every response a new request id and counts the rate limit down', async () => {
    const token = mock.personas.sandbox.readOnlyApiKey;
    const path = `/v1/partner-organizations/${mock.personas.sandbox.partnerOrgId}`;
    const first = await call(mock.url, 'GET', path, { token });
    const second = await call(mock.url, 'GET', path, { token });
    expect(first.headers['x-request-id']).not.toBe(second.headers['x-request-id']);
    expect(first.headers['x-ratelimit-limit']).toBe('1000');
    expect(Number(second.headers['x-ratelimit-remaining'])).toBe(Number(first.headers['x-ratelimit-remaining']) - 1);
  });

  it('marks writes that take an Idempotency-Key with Idempotent-Replayed: false on first execution', async () => {
    const token = mock.personas.sandbox.apiKey;
    const clientId = await createClient(mock.url, token, 'hdr-1');
    const created = await call(mock.url, 'POST', '/v1/claims', {
      token,
      body: claimBody(clientId),
      idempotencyKey: 'hdr-k1',
    });
    expectConforms('createClaim', created);
    expect(created.headers['idempotent-replayed']).toBe('false');
    const read = await call(mock.url, 'GET', `/v1/claims/${created.json.id}/status`, { token });
    expect(read.headers['idempotent-replayed']).toBeUndefined();
  });

  it('serves another contract hash when told to (a provider on a different contract)', async () => {
    await using other = await startReferenceMock({ contractHash: '0123456789abcdef' });
    const health = await call(other.url, 'GET', '/health');
    expect(health.headers['dutyclaims-contract-hash']).toBe('0123456789abcdef');
    const org = await call(other.url, 'GET', `/v1/partner-organizations/${other.personas.sandbox.partnerOrgId}`, {
      token: other.personas.sandbox.apiKey,
    });
    expectConforms('getPartnerOrganization', org);
    expect(org.json.contract).toEqual({ hash: '0123456789abcdef', version: CONTRACT_PIN.version });
  });
});
