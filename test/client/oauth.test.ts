import { describe, expect, it } from 'vitest';
import { type CallRecord, createDutyClaimsClient, isDutyClaimsApiError } from '../../harness/client/index.js';
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

  it('rejects with the token endpoint error when the client secret is wrong, without echoing it', async () => {
    const { handler } = provider(new Set());
    await using server = await createHttpTestServer(handler);
    await using client = createDutyClaimsClient({
      baseUrl: server.url,
      credential: { oauth: { ...oauth, clientSecret: 'ocs_wrong_secret_value_000000' } },
    });
    const error = await client.getPartnerOrganization(ids.partnerOrg).catch((caught: unknown) => caught);
    expect(isDutyClaimsApiError(error)).toBe(true);
    if (!isDutyClaimsApiError(error)) return;
    expect(error).toMatchObject({ code: 'invalid_client', status: 401 });
    expect(error.meta.operationId).toBe('createOAuthToken');
    expect(error.message).not.toContain('ocs_wrong_secret_value');
  });
});
