import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type CallRecord,
  createDutyClaimsClient,
  isDutyClaimsApiError,
  isTimeoutError,
} from '../../harness/client/index.js';
import { routes } from '../../harness/contract/index.js';
import { createHttpTestServer, type TestRequestHandler } from '../support/create-http-test-server.js';
import { errorEnvelope, ids, partnerOrganization, sendJson } from '../support/dutyclaims-responses.js';

const oauth = {
  clientId: 'oc_sandbox_client',
  clientSecret: 'ocs_very_secret_value_0123456789',
  scope: 'partner_orgs:read',
};

/** A provider with a token endpoint; `expired` lists tokens the API answers credential_expired for. */
function provider(expired: Set<string>): { handler: TestRequestHandler; issued: string[] } {
  const issued: string[] = [];
  const handler: TestRequestHandler = (request, response) => {
    if (request.url === '/oauth/token') {
      if (new URLSearchParams(request.body).get('client_secret') !== oauth.clientSecret) {
        const { status, body } = errorEnvelope('invalid_client');
        return sendJson(response, status, body);
      }
      const token = `dc_oat_${String(issued.length + 1).padStart(20, '0')}`;
      issued.push(token);
      return sendJson(response, 200, {
        access_token: token,
        token_type: 'Bearer',
        expires_in: 3600,
        scope: oauth.scope,
      });
    }
    const token = String(request.headers.authorization).replace('Bearer ', '');
    if (expired.has(token)) {
      const { status, body } = errorEnvelope('credential_expired');
      return sendJson(response, status, body);
    }
    sendJson(response, 200, partnerOrganization());
  };
  return { handler, issued };
}

/** A promise the test opens: lets a server handler wait for the test, or the test for a handler. */
function gate(): { open: () => void; opened: Promise<void> } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

// The deadline tests move the client's timers by hand (sockets stay real): no wall time is measured.
afterEach(() => {
  vi.useRealTimers();
});

describe('OAuth client credentials', () => {
  it('fetches a token form-encoded once and reuses it', async () => {
    const { handler, issued } = provider(new Set());
    await using server = await createHttpTestServer(handler);
    const records: CallRecord[] = [];
    await using client = createDutyClaimsClient({
      baseUrl: server.url,
      credential: { oauth },
      environment: 'sandbox',
      onCall: (record) => records.push(record),
    });

    await Promise.all([
      client.getPartnerOrganization(ids.partnerOrg),
      client.getCapabilities(ids.partnerOrg).catch(() => null),
    ]);
    const { meta } = await client.getPartnerOrganization(ids.partnerOrg);

    const tokenRequests = server.requests.filter((request) => request.url === '/oauth/token');
    expect(tokenRequests).toHaveLength(1);
    expect(tokenRequests[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(tokenRequests[0]?.body))).toEqual({
      grant_type: 'client_credentials',
      client_id: oauth.clientId,
      client_secret: oauth.clientSecret,
      scope: oauth.scope,
    });
    expect(server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${issued[0]}`);
    expect(meta.credentialPrefix).toBe('dc_oat_00000');
    expect(records.map((record) => record.meta.operationId)).toContain('createOAuthToken');
    expect(JSON.stringify(records.map((record) => record.meta))).not.toContain(oauth.clientSecret);
  });

  it('fetches a new token once when the API says credential_expired', async () => {
    const expired = new Set<string>();
    const { handler, issued } = provider(expired);
    await using server = await createHttpTestServer(handler);
    await using client = createDutyClaimsClient({ baseUrl: server.url, credential: { oauth } });
    await client.getPartnerOrganization(ids.partnerOrg);
    expired.add(issued[0] ?? '');

    const { meta } = await client.getPartnerOrganization(ids.partnerOrg);

    expect(issued).toHaveLength(2);
    expect(meta.attempts.map((attempt) => [attempt.status, attempt.errorCode])).toEqual([
      [401, 'credential_expired'],
      [200, null],
    ]);
    expect(server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${issued[1]}`);
  });

  it('refreshes only once: a token that expires again ends the call with credential_expired', async () => {
    const expired = new Set<string>();
    const { handler, issued } = provider(expired);
    await using server = await createHttpTestServer((request, response) => {
      if (request.url !== '/oauth/token') for (const token of issued) expired.add(token);
      return handler(request, response);
    });
    await using client = createDutyClaimsClient({ baseUrl: server.url, credential: { oauth } });
    const error = await client.getPartnerOrganization(ids.partnerOrg).catch((caught: unknown) => caught);
    expect(isDutyClaimsApiError(error) && error.code).toBe('credential_expired');
    expect(issued).toHaveLength(2);
  });

  it("fails the caller's own call with the token endpoint error when the client secret is wrong", async () => {
    const { handler } = provider(new Set());
    await using server = await createHttpTestServer(handler);
    const records: CallRecord[] = [];
    await using client = createDutyClaimsClient({
      baseUrl: server.url,
      credential: { oauth: { ...oauth, clientSecret: 'ocs_wrong_secret_value_000000' } },
      onCall: (record) => records.push(record),
    });
    const error = await client
      .getPartnerOrganization(ids.partnerOrg, { correlationId: 'corr_my_logical_call' })
      .catch((caught: unknown) => caught);

    expect(isDutyClaimsApiError(error)).toBe(true);
    if (!isDutyClaimsApiError(error)) return;
    expect(error).toMatchObject({ code: 'invalid_client', status: 401 });
    expect(error.meta).toMatchObject({
      operationId: 'getPartnerOrganization',
      route: routes.getPartnerOrganization.path,
      correlationId: 'corr_my_logical_call',
      status: null,
      requestId: null,
      credentialPrefix: null,
      attempts: [],
    });
    expect(server.requests.map((request) => request.url)).toEqual(['/oauth/token']);
    expect(error.message).toContain('OAuth access token');
    expect(error.message).not.toContain('ocs_wrong_secret_value');
    const cause = error.cause;
    expect(isDutyClaimsApiError(cause) && cause.meta.operationId).toBe('createOAuthToken');
    // The token request keeps its own record, and comes first; the caller's call is reported too.
    expect(records.map((record) => `${record.meta.operationId}:${record.ok}`)).toEqual([
      'createOAuthToken:false',
      'getPartnerOrganization:false',
    ]);
    expect(records[1]?.error).toBe(error);
    expect(JSON.stringify(records.map((record) => record.meta))).not.toContain('ocs_wrong_secret_value');
  });

  it('reports each waiting call once when one shared token request fails, with its own idempotency key', async () => {
    const { handler } = provider(new Set());
    await using server = await createHttpTestServer(handler);
    const records: CallRecord[] = [];
    await using client = createDutyClaimsClient({
      baseUrl: server.url,
      credential: { oauth: { ...oauth, clientSecret: 'ocs_wrong_secret_value_000000' } },
      onCall: (record) => records.push(record),
    });
    const [read, write] = await Promise.all([
      client.getCapabilities(ids.partnerOrg).catch((caught: unknown) => caught),
      client.rotateWebhookSecret(ids.endpoint, { idempotencyKey: 'idem-rotate-1' }).catch((caught: unknown) => caught),
    ]);

    expect(server.requests).toHaveLength(1);
    expect(isDutyClaimsApiError(read) && [read.code, read.meta.operationId]).toEqual([
      'invalid_client',
      'getCapabilities',
    ]);
    expect(isDutyClaimsApiError(write) && [write.code, write.meta.operationId, write.meta.idempotencyKey]).toEqual([
      'invalid_client',
      'rotateWebhookSecret',
      'idem-rotate-1',
    ]);
    expect(records.map((record) => `${record.meta.operationId}:${record.ok}`)).toEqual([
      'createOAuthToken:false',
      'getCapabilities:false',
      'rotateWebhookSecret:false',
    ]);
  });

  it('keeps the attempts already made when fetching a fresh token after credential_expired fails', async () => {
    const expired = new Set<string>();
    const { handler, issued } = provider(expired);
    let tokenRequests = 0;
    await using server = await createHttpTestServer((request, response) => {
      if (request.url === '/oauth/token' && ++tokenRequests > 1) {
        const { status, body } = errorEnvelope('invalid_client');
        return sendJson(response, status, body);
      }
      if (request.url !== '/oauth/token') for (const token of issued) expired.add(token);
      return handler(request, response);
    });
    const records: CallRecord[] = [];
    await using client = createDutyClaimsClient({
      baseUrl: server.url,
      credential: { oauth },
      onCall: (record) => records.push(record),
    });
    const error = await client.getPartnerOrganization(ids.partnerOrg).catch((caught: unknown) => caught);

    expect(isDutyClaimsApiError(error)).toBe(true);
    if (!isDutyClaimsApiError(error)) return;
    expect(error.code).toBe('invalid_client');
    expect(error.meta.operationId).toBe('getPartnerOrganization');
    expect(error.meta.status).toBe(401);
    expect(error.meta.credentialPrefix).toBe('dc_oat_00000');
    expect(error.meta.attempts.map((attempt) => [attempt.status, attempt.errorCode])).toEqual([
      [401, 'credential_expired'],
    ]);
    expect(records.map((record) => `${record.meta.operationId}:${record.ok}`)).toEqual([
      'createOAuthToken:true',
      'createOAuthToken:false',
      'getPartnerOrganization:false',
    ]);
  });

  it('bounds a token request by the deadline of the call that needs it (totalMs covers both)', async () => {
    const expired = new Set<string>();
    const { handler, issued } = provider(expired);
    let tokenRequests = 0;
    const [apiArrived, apiAnswers, refreshArrived] = [gate(), gate(), gate()];
    await using server = await createHttpTestServer(async (request, response) => {
      if (request.url === '/oauth/token' && ++tokenRequests > 1) return refreshArrived.open(); // the refresh hangs
      if (request.url !== '/oauth/token') {
        for (const token of issued) expired.add(token);
        apiArrived.open();
        await apiAnswers.opened;
      }
      return handler(request, response);
    });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await using client = createDutyClaimsClient({
      baseUrl: server.url,
      credential: { oauth },
      timeouts: { headersMs: 10_000, totalMs: 700 },
    });
    const call = client.getPartnerOrganization(ids.partnerOrg).catch((caught: unknown) => caught);
    await apiArrived.opened;
    vi.advanceTimersByTime(400); // the API answers credential_expired after 400 ms
    apiAnswers.open();
    await refreshArrived.opened;
    vi.advanceTimersByTime(300); // 700 ms since the call started: its deadline
    // A token request under a deadline of its own would end at 400 + 700 ms, which this clock never
    // reaches: the call would not settle and the test would time out.
    const error = await call;

    expect(isTimeoutError(error)).toBe(true);
    if (!isTimeoutError(error)) return;
    expect(error).toMatchObject({ phase: 'total', timeoutMs: 700 });
    expect(error.meta.operationId).toBe('getPartnerOrganization');
    expect(isTimeoutError(error.cause) && error.cause.meta.operationId).toBe('createOAuthToken');
  });

  it('stops a call waiting on a token request another call started once its own deadline passes', async () => {
    const expired = new Set<string>();
    const { handler, issued } = provider(expired);
    let tokenRequests = 0;
    const [earlyArrived, earlyAnswers, earlyAnswered, refreshArrived] = [gate(), gate(), gate(), gate()];
    await using server = await createHttpTestServer(async (request, response) => {
      if (request.url === '/oauth/token' && ++tokenRequests > 1) return refreshArrived.open(); // the refresh hangs
      if (request.url !== '/oauth/token') {
        for (const token of issued) expired.add(token);
        if (request.headers['x-correlation-id'] === 'corr_early') {
          earlyArrived.open();
          await earlyAnswers.opened;
        }
      }
      return handler(request, response);
    });
    const records: CallRecord[] = [];
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await using client = createDutyClaimsClient({
      baseUrl: server.url,
      credential: { oauth },
      timeouts: { headersMs: 10_000, totalMs: 600 },
      onCall: (record) => records.push(record),
      // Called just before the call decides what to do with the answer: by the time the test
      // resumes, the early call has joined the refresh.
      onResponse: (response) => {
        if (response.correlationId === 'corr_early') earlyAnswered.open();
      },
    });
    const early = client.getPartnerOrganization(ids.partnerOrg, { correlationId: 'corr_early' }).catch((e) => e);
    await earlyArrived.opened;
    vi.advanceTimersByTime(150);
    // The late call gets credential_expired first and starts the refresh; the early call joins it.
    const late = client.getPartnerOrganization(ids.partnerOrg, { correlationId: 'corr_late' }).catch((e) => e);
    await refreshArrived.opened;
    earlyAnswers.open();
    await earlyAnswered.opened;
    vi.advanceTimersByTime(450); // 600 ms since the early call started: its deadline
    // Had it waited on the refresh until the late call's deadline (150 ms later on this clock, never
    // reached here), the early call would not settle and the test would time out.
    const earlyError: unknown = await early;
    vi.advanceTimersByTime(150); // the late call's deadline
    const lateError: unknown = await late;

    expect(isTimeoutError(earlyError)).toBe(true);
    if (!isTimeoutError(earlyError)) return;
    expect(earlyError).toMatchObject({ phase: 'total', timeoutMs: 600 });
    expect(earlyError.meta.correlationId).toBe('corr_early');
    expect(earlyError.meta.attempts.map((attempt) => attempt.errorCode)).toEqual(['credential_expired']);
    expect(earlyError.message).toContain('waiting for an OAuth access token');
    expect(isTimeoutError(lateError) && isTimeoutError(lateError.cause)).toBe(true);
    // The early call ended before the token request it waited on, so its record comes first.
    expect(records.map((record) => `${record.meta.operationId}:${record.meta.correlationId.slice(0, 10)}`)).toEqual([
      expect.stringMatching(/^createOAuthToken:/),
      'getPartnerOrganization:corr_early',
      expect.stringMatching(/^createOAuthToken:/),
      'getPartnerOrganization:corr_late',
    ]);
  });
});
