import { describe, expect, it } from 'vitest';
import { createCredentialRegistry } from './credentials.js';
import { derivePersonas } from './personas.js';

const personas = derivePersonas('unit');
const bearer = (token: string) => `Bearer ${token}`;

describe('credential registry', () => {
  it('accepts the environment own keys, with read-only keys holding only *:read scopes', () => {
    const sandbox = createCredentialRegistry(personas, 'sandbox');
    const full = sandbox.resolve(bearer(personas.sandbox.apiKey), 0);
    expect(full.record?.orgId).toBe(personas.sandbox.partnerOrgId);
    expect(full.record?.scopes.has('claims:write')).toBe(true);
    const readOnly = sandbox.resolve(bearer(personas.sandbox.readOnlyApiKey), 0).record;
    expect([...(readOnly?.scopes ?? [])].every((scope) => scope.endsWith(':read'))).toBe(true);
    expect(full.prefix).toBe(personas.sandbox.apiKey.slice(0, 12));
  });

  it('tells missing, invalid, wrong-environment and wrong-shape credentials apart', () => {
    const sandbox = createCredentialRegistry(personas, 'sandbox');
    const production = createCredentialRegistry(personas, 'production');
    expect(sandbox.resolve(undefined, 0).error).toBe('credential_missing');
    expect(sandbox.resolve('Basic abc', 0).error).toBe('credential_missing');
    expect(sandbox.resolve(bearer('dc_test_unknownunknownunknownunknown'), 0).error).toBe('credential_invalid');
    expect(sandbox.resolve(bearer(personas.production.apiKey), 0).error).toBe('credential_wrong_environment');
    expect(production.resolve(bearer(personas.sandbox.apiKey), 0).error).toBe('credential_wrong_environment');
    expect(production.resolve(bearer('dc_oat_whatever'), 0).error).toBe('credential_shape_not_accepted');
    expect(production.resolve(bearer(personas.production.apiKey), 0).error).toBeNull();
  });

  it('issues access tokens that expire after an hour of mock time', () => {
    const sandbox = createCredentialRegistry(personas, 'sandbox');
    const orgId = sandbox.authenticateClient(
      personas.sandbox.oauthClient.clientId,
      personas.sandbox.oauthClient.clientSecret,
    );
    expect(orgId).toBe(personas.sandbox.partnerOrgId);
    expect(sandbox.authenticateClient(personas.sandbox.oauthClient.clientId, 'wrong')).toBeNull();
    const { token, expiresIn } = sandbox.issueAccessToken(orgId ?? '', ['claims:read'], 0);
    expect(token).toMatch(/^dc_oat_[0-9a-z]{16,64}$/);
    expect(expiresIn).toBe(3600);
    expect(sandbox.resolve(bearer(token), 3_599_999).record?.shape).toBe('oauth_client_credentials');
    expect(sandbox.resolve(bearer(token), 3_600_000).error).toBe('credential_expired');
  });
});
