import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createDutyClaimsClient,
  type DutyClaimsClient,
  isDutyClaimsApiError,
  isTimeoutError,
} from '../../harness/client/index.js';
import { type StartedReferenceMock, startReferenceMock } from '../../harness/reference-mock/index.js';

let mock: StartedReferenceMock;
let client: DutyClaimsClient;
let sleeps: number[];

beforeAll(async () => {
  mock = await startReferenceMock({ seed: 'client-faults' });
});
afterAll(async () => {
  await mock.close();
});
beforeEach(async () => {
  await mock.control.reset();
  sleeps = [];
  client = createDutyClaimsClient({
    baseUrl: mock.url,
    credential: { apiKey: mock.personas.sandbox.apiKey },
    environment: 'sandbox',
    timeouts: { headersMs: 300 },
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return () => client.close();
});

const newClientBody = (externalRef: string) => ({ externalRef, name: 'Harbour Imports', country: 'GB' });

async function grantedClientId(): Promise<string> {
  const { data } = await client.createClient(newClientBody(`ref-${Math.random().toString(36).slice(2)}`));
  await mock.control.clearJournal();
  return data.id;
}

const claimBody = (clientId: string) => ({
  clientId,
  claimType: 'duty_drawback' as const,
  amount: { currency: 'GBP', value: '250.00' },
  reference: 'order-42',
});

describe('the client against the reference mock’s fault injection', () => {
  it('retries a 503 with the same Idempotency-Key and correlation id, as the mock journal shows', async () => {
    const clientId = await grantedClientId();
    await mock.control.injectFault({
      kind: 'status',
      status: 503,
      count: 2,
      retryAfterSeconds: 0,
      match: { operationId: 'createClaim' },
    });

    const { data, meta } = await client.createClaim(claimBody(clientId));

    const journal = await mock.control.journal();
    expect(journal.map((entry) => [entry.status, entry.fault])).toEqual([
      [503, 'status'],
      [503, 'status'],
      [202, null],
    ]);
    expect(new Set(journal.map((entry) => entry.idempotencyKey))).toEqual(new Set([meta.idempotencyKey]));
    expect(new Set(journal.map((entry) => entry.correlationIdSent))).toEqual(new Set([meta.correlationId]));
    expect(meta.attempts.map((attempt) => attempt.requestId)).toEqual(journal.map((entry) => entry.requestId));
    expect(data.status).toBe('received');
    expect(meta.contractHash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('waits for Retry-After on 429 before trying again', async () => {
    await mock.control.injectFault({
      kind: 'rate_limit',
      retryAfterSeconds: 2,
      match: { operationId: 'getPartnerOrganization' },
    });

    const { meta } = await client.getPartnerOrganization(mock.personas.sandbox.partnerOrgId);

    expect(sleeps).toEqual([2_000]);
    expect(meta.attempts.map((attempt) => [attempt.status, attempt.errorCode, attempt.delayMs])).toEqual([
      [429, 'rate_limited', 0],
      [200, null, 2_000],
    ]);
    expect((await mock.control.journal()).map((entry) => entry.status)).toEqual([429, 200]);
  });

  it.each([400, 401, 403, 404, 409, 422])('does not retry a %i', async (status) => {
    await mock.control.injectFault({ kind: 'status', status, count: 3 });

    const error = await client.createClient(newClientBody(`ref-${status}`)).catch((caught: unknown) => caught);

    expect(isDutyClaimsApiError(error) && error.status).toBe(status);
    const journal = await mock.control.journal();
    expect(journal).toHaveLength(1);
    expect(journal[0]?.errorCode).toBe((error as { code: string }).code);
    expect(sleeps).toEqual([]);
  });

  it.each([
    [503, 'no_retry'],
    [500, 'contact_support'],
    [429, 'contact_support'],
  ] as const)('does not retry a %i whose envelope says %s', async (status, retryStrategy) => {
    await mock.control.injectFault({ kind: 'status', status, retryStrategy, retryAfterSeconds: 0, count: 3 });

    const error = await client.createClient(newClientBody(`ref-${status}`)).catch((caught: unknown) => caught);

    expect(isDutyClaimsApiError(error) && [error.status, error.retryStrategy]).toEqual([status, retryStrategy]);
    expect(await mock.control.journal()).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('does not retry a credential revoked mid-run (401) or a disabled API (403)', async () => {
    await mock.control.injectFault({ kind: 'status', errorCode: 'credential_invalid' });
    const revoked = await client.createClient(newClientBody('ref-revoked')).catch((caught: unknown) => caught);
    expect(isDutyClaimsApiError(revoked) && [revoked.status, revoked.code]).toEqual([401, 'credential_invalid']);
    await mock.control.injectFault({ kind: 'status', errorCode: 'api_disabled' });
    const disabled = await client.createClient(newClientBody('ref-disabled')).catch((caught: unknown) => caught);
    expect(isDutyClaimsApiError(disabled) && [disabled.status, disabled.code, disabled.retryStrategy]).toEqual([
      403,
      'api_disabled',
      'contact_support',
    ]);
    expect((await mock.control.journal()).map((entry) => entry.status)).toEqual([401, 403]);
    expect(sleeps).toEqual([]);
  });

  it('does not retry the 4xx the mock answers on its own (404, 409)', async () => {
    const missing = await client.getClaimStatus('clm_aaaaaaaaaaaaaaaaaaaa').catch((caught: unknown) => caught);
    expect(isDutyClaimsApiError(missing) && missing.code).toBe('resource_not_found');

    await client.createClient(newClientBody('dup-ref'));
    const conflict = await client.createClient(newClientBody('dup-ref')).catch((caught: unknown) => caught);
    expect(isDutyClaimsApiError(conflict) && conflict.envelope?.error.resourceId).toMatch(/^cli_/);

    expect((await mock.control.journal()).map((entry) => entry.status)).toEqual([404, 201, 409]);
  });

  it('times out a hung response with TimeoutError after every attempt hangs', async () => {
    await mock.control.injectFault({ kind: 'hang', count: 2, match: { operationId: 'getPartnerOrganization' } });
    const short = createDutyClaimsClient({
      baseUrl: mock.url,
      credential: { apiKey: mock.personas.sandbox.apiKey },
      timeouts: { headersMs: 200 },
      retry: { maxAttempts: 2 },
      sleep: async () => {},
    });
    await using _ = short;

    const error = await short
      .getPartnerOrganization(mock.personas.sandbox.partnerOrgId)
      .catch((caught: unknown) => caught);

    expect(isTimeoutError(error)).toBe(true);
    if (!isTimeoutError(error)) return;
    expect(error.phase).toBe('headers');
    expect(error.meta.attempts.map((attempt) => attempt.errorCode)).toEqual(['DC_ERR_TIMEOUT', 'DC_ERR_TIMEOUT']);
    expect((await mock.control.journal()).map((entry) => entry.fault)).toEqual(['hang', 'hang']);
  });

  it('retries a dropped connection and succeeds with one claim created', async () => {
    const clientId = await grantedClientId();
    await mock.control.injectFault({ kind: 'drop', match: { operationId: 'createClaim' } });

    const { meta } = await client.createClaim(claimBody(clientId));

    expect(meta.attempts.map((attempt) => [attempt.status, attempt.errorCode])).toEqual([
      [null, 'DC_ERR_NETWORK'],
      [202, null],
    ]);
    const journal = await mock.control.journal();
    expect(journal.map((entry) => [entry.fault, entry.status])).toEqual([
      ['drop', null],
      [null, 202],
    ]);
    expect(journal[0]?.idempotencyKey).toBe(journal[1]?.idempotencyKey);
  });
});
