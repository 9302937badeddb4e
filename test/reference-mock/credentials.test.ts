import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenResponse } from '../../harness/contract/index.js';
import { type StartedReferenceMock, startReferenceMock } from '../../harness/reference-mock/index.js';
import { call, claimBody, createClient, expectConforms } from './support/http.js';

let sandbox: StartedReferenceMock;
let production: StartedReferenceMock;
beforeAll(async () => {
  sandbox = await startReferenceMock({ seed: 'creds' });
  production = await startReferenceMock({ seed: 'creds', environment: 'production' });
});
afterAll(async () => {
  await sandbox.close();
  await production.close();
});

const orgPath = (m: StartedReferenceMock, which: 'sandbox' | 'production') =>
  `/v1/partner-organizations/${m.personas[which].partnerOrgId}`;

const form = (fields: Record<string, string>) => ({
  rawBody: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

describe('credential rules', () => {
  it('tells missing, unknown and wrong-environment credentials apart', async () => {
    const path = orgPath(sandbox, 'sandbox');
    expect((await call(sandbox.url, 'GET', path)).json.error.code).toBe('credential_missing');
    expect(
      (await call(sandbox.url, 'GET', path, { token: 'dc_test_zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz' })).json.error.code,
    ).toBe('credential_invalid');
    const live = await call(sandbox.url, 'GET', path, { token: sandbox.personas.production.apiKey });
    expect([live.status, live.json.error.code]).toEqual([401, 'credential_wrong_environment']);
    const test = await call(production.url, 'GET', orgPath(production, 'production'), {
      token: production.personas.sandbox.apiKey,
    });
    expect([test.status, test.json.error.code]).toEqual([401, 'credential_wrong_environment']);
  });

  it('serves each environment with its own key and says which environment it is', async () => {
    const sandboxOrg = await call(sandbox.url, 'GET', orgPath(sandbox, 'sandbox'), {
      token: sandbox.personas.sandbox.apiKey,
    });
    expectConforms('getPartnerOrganization', sandboxOrg);
    expect(sandboxOrg.json.environment).toBe('sandbox');
    const productionOrg = await call(production.url, 'GET', orgPath(production, 'production'), {
      token: production.personas.production.apiKey,
    });
    expectConforms('getPartnerOrganization', productionOrg);
    expect(productionOrg.json.environment).toBe('production');
    expect(productionOrg.headers['dutyclaims-environment']).toBe('production');
  });

  it('binds credentials to their partner org: another org is 403, an unknown id 404', async () => {
    const token = sandbox.personas.sandbox.apiKey;
    const other = await call(sandbox.url, 'GET', orgPath(sandbox, 'production'), { token });
    expect([other.status, other.json.error.code]).toEqual([403, 'partner_org_mismatch']);
    const unknown = await call(sandbox.url, 'GET', '/v1/partner-organizations/porg_aaaaaaaaaaaaaaaaaaaa', { token });
    expect([unknown.status, unknown.json.error.code]).toEqual([404, 'resource_not_found']);
  });

  it('enforces route scopes: a read-only key reads but cannot write', async () => {
    const readOnly = sandbox.personas.sandbox.readOnlyApiKey;
    const read = await call(sandbox.url, 'GET', `${orgPath(sandbox, 'sandbox')}/capabilities`, { token: readOnly });
    expectConforms('getCapabilities', read);
    expect(read.json.credential.grantedScopes.every((scope: string) => scope.endsWith(':read'))).toBe(true);
    expect(read.json.credential.prefix).toBe(readOnly.slice(0, 12));
    const write = await call(sandbox.url, 'POST', '/v1/clients', {
      token: readOnly,
      body: { externalRef: 'ro', name: 'RO', country: 'GB' },
    });
    expect(write.status).toBe(403);
    expect(write.json.error).toMatchObject({
      code: 'insufficient_scope',
      details: [{ field: 'scope', reason: 'missing clients:write' }],
    });
  });

  it('issues sandbox OAuth tokens (form or HTTP Basic) that work as bearer credentials', async () => {
    const { clientId, clientSecret } = sandbox.personas.sandbox.oauthClient;
    const token = await call(
      sandbox.url,
      'POST',
      '/oauth/token',
      form({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
    );
    expectConforms('createOAuthToken', token);
    expect(token.headers['cache-control']).toBe('no-store');
    const access = TokenResponse.parse(token.json).access_token;
    const caps = await call(sandbox.url, 'GET', `${orgPath(sandbox, 'sandbox')}/capabilities`, { token: access });
    expect(caps.json.credential.shape).toBe('oauth_client_credentials');
    const basic = await call(sandbox.url, 'POST', '/oauth/token', {
      ...form({ grant_type: 'client_credentials', scope: 'claims:read' }),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      },
    });
    expect(basic.json.scope).toBe('claims:read');
    const narrow = await call(sandbox.url, 'POST', '/v1/clients', {
      token: basic.json.access_token,
      body: { externalRef: 'narrow', name: 'N', country: 'GB' },
    });
    expect(narrow.json.error.code).toBe('insufficient_scope');
  });

  it('rejects bad token requests with OAuth-style errors', async () => {
    const { clientId } = sandbox.personas.sandbox.oauthClient;
    const wrongSecret = await call(
      sandbox.url,
      'POST',
      '/oauth/token',
      form({ grant_type: 'client_credentials', client_id: clientId, client_secret: 'nope' }),
    );
    expect([wrongSecret.status, wrongSecret.json.error.code]).toEqual([401, 'invalid_client']);
    const badGrant = await call(sandbox.url, 'POST', '/oauth/token', form({ grant_type: 'password' }));
    expect([badGrant.status, badGrant.json.error.code]).toEqual([400, 'invalid_grant_request']);
    const asJson = await call(sandbox.url, 'POST', '/oauth/token', { body: { grant_type: 'client_credentials' } });
    expect([asJson.status, asJson.json.error.code]).toEqual([415, 'unsupported_media_type']);
  });

  it('expires access tokens after expires_in seconds of mock time', async () => {
    const { clientId, clientSecret } = sandbox.personas.sandbox.oauthClient;
    const token = await call(
      sandbox.url,
      'POST',
      '/oauth/token',
      form({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
    );
    await sandbox.control.advanceClock(token.json.expires_in * 1000);
    const expired = await call(sandbox.url, 'GET', orgPath(sandbox, 'sandbox'), { token: token.json.access_token });
    expect([expired.status, expired.json.error.code]).toEqual([401, 'credential_expired']);
  });

  it('refuses OAuth on production: tokens are the wrong shape and /oauth/token is sandbox only', async () => {
    const shape = await call(production.url, 'GET', orgPath(production, 'production'), {
      token: 'dc_oat_abcdefghijklmnopqrstu',
    });
    expect([shape.status, shape.json.error.code]).toEqual([401, 'credential_shape_not_accepted']);
    const { clientId, clientSecret } = production.personas.sandbox.oauthClient;
    const tokenRoute = await call(
      production.url,
      'POST',
      '/oauth/token',
      form({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
    );
    expect([tokenRoute.status, tokenRoute.json.error.code]).toEqual([403, 'sandbox_only']);
    const sandboxRoute = await call(production.url, 'POST', '/v1/sandbox/webhooks/test', {
      token: production.personas.production.apiKey,
      body: { endpointId: 'we_aaaaaaaaaaaaaaaaaaaa' },
    });
    expect([sandboxRoute.status, sandboxRoute.json.error.code]).toEqual([403, 'sandbox_only']);
  });

  it('reports sandbox routes as not available in production capabilities', async () => {
    const caps = await call(production.url, 'GET', `${orgPath(production, 'production')}/capabilities`, {
      token: production.personas.production.apiKey,
    });
    expectConforms('getCapabilities', caps);
    const families = Object.fromEntries(caps.json.routeFamilies.map((f: { family: string }) => [f.family, f]));
    expect(families.sandbox.availability).toBe('not_available');
    expect(families.claims.credentialShapes).toEqual(['api_key_live']);
  });

  it('lets a production key run the claim flow on a production server', async () => {
    const token = production.personas.production.apiKey;
    const clientId = await createClient(production.url, token, 'prod-1');
    const claim = await call(production.url, 'POST', '/v1/claims', {
      token,
      body: claimBody(clientId),
      idempotencyKey: 'p1',
    });
    expectConforms('createClaim', claim);
  });
});
