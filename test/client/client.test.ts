import { Agent } from 'undici';
import { describe, expect, it } from 'vitest';
import {
  type CallRecord,
  createDutyClaimsClient,
  isClientConfigurationError,
  isCredentialEnvironmentError,
  isDutyClaimsApiError,
  isSchemaValidationError,
} from '../../harness/client/index.js';
import { CONTRACT_PIN } from '../../harness/contract/index.js';
import { createHttpTestServer } from '../support/create-http-test-server.js';
import { claim, delivery, errorEnvelope, ids, partnerOrganization, sendJson } from '../support/dutyclaims-responses.js';

const apiKey = 'dc_test_abcdefghijklmnopqrstuvwxyz234567';

describe('a successful call', () => {
  it('sends the credential, user agent and correlation id, and returns data with metadata', async () => {
    await using server = await createHttpTestServer((_request, response) =>
      sendJson(response, 200, partnerOrganization()),
    );
    const records: CallRecord[] = [];
    await using client = createDutyClaimsClient({
      baseUrl: server.url,
      credential: { apiKey },
      correlationId: () => 'corr_fixed_1',
      onCall: (record) => records.push(record),
    });

    const { data, meta } = await client.getPartnerOrganization(ids.partnerOrg);

    expect(data.contract.hash).toBe(CONTRACT_PIN.hash);
    const [request] = server.requests;
    expect(request?.url).toBe(`/v1/partner-organizations/${ids.partnerOrg}`);
    expect(request?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(request?.headers['x-correlation-id']).toBe('corr_fixed_1');
    expect(request?.headers['user-agent']).toContain(CONTRACT_PIN.hash);
    expect(request?.headers['idempotency-key']).toBeUndefined();
    expect(meta).toMatchObject({
      operationId: 'getPartnerOrganization',
      method: 'GET',
      route: '/v1/partner-organizations/{partnerOrgId}',
      url: `${server.url}/v1/partner-organizations/${ids.partnerOrg}`,
      status: 200,
      requestId: ids.request(1),
      correlationId: 'corr_fixed_1',
      idempotencyKey: null,
      replayed: null,
      rateLimit: { limit: 100, remaining: 99, resetAt: '2026-11-18T11:06:40.000Z' },
      contractHash: CONTRACT_PIN.hash,
      environment: 'sandbox',
      credentialPrefix: 'dc_test_abcd',
    });
    expect(meta.attempts).toEqual([expect.objectContaining({ attempt: 1, delayMs: 0, status: 200, errorCode: null })]);
    expect(Date.parse(meta.startedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(records).toEqual([{ ok: true, meta, error: null }]);
    expect(JSON.stringify(meta)).not.toContain(apiKey);
  });

  it('sends a generated Idempotency-Key on writes, or the caller’s, and reports the replay flag', async () => {
    await using server = await createHttpTestServer((_request, response) =>
      sendJson(response, 202, claim(), { 'idempotent-replayed': 'true' }),
    );
    await using client = createDutyClaimsClient({ baseUrl: server.url, credential: { apiKey } });
    const body = {
      clientId: ids.client,
      claimType: 'duty_drawback' as const,
      amount: { currency: 'GBP', value: '120.50' },
      reference: 'order-1',
    };

    const generated = await client.createClaim(body);
    const given = await client.createClaim(body, { idempotencyKey: 'order-1-claim', correlationId: 'corr_given' });

    const [first, second] = server.requests;
    expect(first?.headers['idempotency-key']).toBe(generated.meta.idempotencyKey);
    expect(generated.meta.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(first?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(first?.body ?? '')).toEqual(body);
    expect(second?.headers['idempotency-key']).toBe('order-1-claim');
    expect(second?.headers['x-correlation-id']).toBe('corr_given');
    expect(given.meta).toMatchObject({ idempotencyKey: 'order-1-claim', replayed: true, status: 202 });
  });

  it('sends no credential to unauthenticated routes', async () => {
    await using server = await createHttpTestServer((_request, response) => sendJson(response, 200, { status: 'ok' }));
    await using client = createDutyClaimsClient({ baseUrl: `${server.url}/`, credential: { apiKey } });
    const { meta } = await client.health();
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
    expect(meta.credentialPrefix).toBeNull();
  });
});

describe('failures a program can branch on', () => {
  it('maps the error envelope to DutyClaimsApiError with its code, envelope and ids', async () => {
    await using server = await createHttpTestServer((request, response) => {
      const { status, body } = errorEnvelope('authority_not_granted', String(request.headers['x-correlation-id']));
      sendJson(response, status, body);
    });
    const records: CallRecord[] = [];
    await using client = createDutyClaimsClient({
      baseUrl: server.url,
      credential: { apiKey },
      onCall: (record) => records.push(record),
    });

    const error = await client
      .createClaim({
        clientId: ids.client,
        claimType: 'duty_drawback',
        amount: { currency: 'GBP', value: '1' },
        reference: 'r',
      })
      .catch((caught: unknown) => caught);

    expect(isDutyClaimsApiError(error)).toBe(true);
    if (!isDutyClaimsApiError(error)) return;
    expect(error).toMatchObject({ code: 'authority_not_granted', status: 409, retryStrategy: 'no_retry' });
    expect(error.envelope?.error.type).toBe('conflict_error');
    expect(error.requestId).toBe(ids.request(1));
    expect(error.correlationId).toBe(error.meta.correlationId);
    expect(error.meta.idempotencyKey).toBe(server.requests[0]?.headers['idempotency-key']);
    expect(records).toEqual([{ ok: false, meta: error.meta, error }]);
    expect(error.message).not.toContain(apiKey);
  });

  it('keeps a 2xx body that breaks the contract apart, as SchemaValidationError with issues', async () => {
    await using server = await createHttpTestServer((_request, response) =>
      sendJson(response, 200, { ...partnerOrganization(), environment: 'staging' }),
    );
    await using client = createDutyClaimsClient({ baseUrl: server.url, credential: { apiKey } });
    const error = await client.getPartnerOrganization(ids.partnerOrg).catch((caught: unknown) => caught);
    expect(isSchemaValidationError(error)).toBe(true);
    if (!isSchemaValidationError(error)) return;
    expect(error.code).toBe('DC_ERR_SCHEMA');
    expect(error.issues.map((issue) => issue.path.join('.'))).toEqual(['environment']);
    expect(error.meta.status).toBe(200);
    expect(server.requests).toHaveLength(1);
  });

  it('refuses a credential of the wrong environment before sending anything', async () => {
    await using server = await createHttpTestServer();
    const attempt = () =>
      createDutyClaimsClient({ baseUrl: server.url, environment: 'production', credential: { apiKey } });
    expect(attempt).toThrow(expect.objectContaining({ code: 'DC_ERR_CREDENTIAL_ENVIRONMENT' }));
    let caught: unknown;
    try {
      attempt();
    } catch (error) {
      caught = error;
    }
    expect(isCredentialEnvironmentError(caught)).toBe(true);
    expect((caught as Error).message).not.toContain(apiKey);
    expect(server.requests).toHaveLength(0);
  });

  it('refuses an invalid per-call Idempotency-Key without sending the write', async () => {
    await using server = await createHttpTestServer();
    await using client = createDutyClaimsClient({ baseUrl: server.url, credential: { apiKey } });
    const error = await client
      .rotateWebhookSecret(ids.endpoint, { idempotencyKey: 'has spaces' })
      .catch((caught: unknown) => caught);
    expect(isClientConfigurationError(error)).toBe(true);
    expect(server.requests).toHaveLength(0);
  });
});

describe('lifecycle', () => {
  it('rejects calls after close, and leaves a dispatcher it does not own open', async () => {
    await using server = await createHttpTestServer((_request, response) => sendJson(response, 200, { status: 'ok' }));
    const agent = new Agent();
    const client = createDutyClaimsClient({ baseUrl: server.url, dispatcher: agent });
    await client.health();
    await client.close();
    await client.close();
    expect(isClientConfigurationError(await client.health().catch((caught: unknown) => caught))).toBe(true);
    const other = createDutyClaimsClient({ baseUrl: server.url, dispatcher: agent });
    expect((await other.health()).data.status).toBe('ok');
    await agent.close();
  });
});

describe('iterateWebhookDeliveries', () => {
  it('follows nextCursor across pages with the same filters', async () => {
    await using server = await createHttpTestServer((request, response) => {
      const cursor = new URL(request.url ?? '/', 'http://x').searchParams.get('cursor');
      if (cursor === null)
        sendJson(response, 200, { data: [delivery(1), delivery(2)], hasMore: true, nextCursor: 'p2' });
      else sendJson(response, 200, { data: [delivery(3)], hasMore: false, nextCursor: null });
    });
    await using client = createDutyClaimsClient({ baseUrl: server.url, credential: { apiKey } });
    const seen: string[] = [];
    for await (const item of client.iterateWebhookDeliveries({ limit: 2, status: 'succeeded' })) seen.push(item.id);
    expect(seen).toEqual([ids.delivery(1), ids.delivery(2), ids.delivery(3)]);
    expect(server.requests.map((request) => request.url)).toEqual([
      '/v1/webhook-deliveries?limit=2&status=succeeded',
      '/v1/webhook-deliveries?limit=2&status=succeeded&cursor=p2',
    ]);
  });
});
