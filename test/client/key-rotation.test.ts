import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDutyClaimsClient,
  isClientConfigurationError,
  isCredentialEnvironmentError,
  isDutyClaimsApiError,
} from '../../harness/client/index.js';
import { type StartedReferenceMock, startReferenceMock } from '../../harness/reference-mock/index.js';

let mock: StartedReferenceMock;
beforeAll(async () => {
  mock = await startReferenceMock({ seed: 'client-key-rotation' });
});
afterAll(async () => {
  await mock.close();
});

const errorOf = async (call: Promise<unknown>) => {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('the call succeeded');
};

describe('API keys: create, list, revoke with a grace', () => {
  it('shows the full key once, lists prefixes only, and refuses the revoked key with 401 credential_revoked, not retried', async () => {
    await mock.control.reset();
    const { sandbox } = mock.personas;
    await using admin = createDutyClaimsClient({ baseUrl: mock.url, credential: { apiKey: sandbox.apiKey } });
    const created = await admin.createApiKey(sandbox.partnerOrgId, { name: 'worker', scopes: ['claims:read'] });
    expect(created.data.key).toMatch(/^dc_test_[0-9a-z]{32}$/);
    expect(created.data.key.startsWith(created.data.prefix)).toBe(true);
    expect(created.meta.idempotencyKey).not.toBeNull();

    await using worker = createDutyClaimsClient({
      baseUrl: mock.url,
      credential: { apiKey: created.data.key },
      retry: { maxAttempts: 4, baseDelayMs: 1 },
    });
    await worker.getClaimStatus('clm_aaaaaaaaaaaaaaaaaaaa').catch(() => undefined); // authenticates: last used
    const listed = await admin.listApiKeys(sandbox.partnerOrgId);
    expect(JSON.stringify(listed.data)).not.toContain(created.data.key);
    const entry = listed.data.data.find((key) => key.id === created.data.id);
    expect(entry).toMatchObject({ prefix: created.data.prefix, status: 'active', scopes: ['claims:read'] });
    expect(entry?.lastUsedAt).toEqual(expect.any(String));

    const revoked = await admin.revokeApiKey(sandbox.partnerOrgId, created.data.id);
    expect(revoked.data.status).toBe('revoking');
    const grace = Date.parse(revoked.data.graceEndsAt ?? '') - Date.parse(revoked.data.revokedAt ?? '');
    expect(grace).toBe(300_000);
    // Inside the grace the key still authenticates (404: the claim does not exist, not 401).
    const inside = await errorOf(worker.getClaimStatus('clm_aaaaaaaaaaaaaaaaaaaa'));
    expect(isDutyClaimsApiError(inside) && inside.status).toBe(404);
    await mock.control.advanceClock(300_000);
    const after = await errorOf(worker.getClaimStatus('clm_aaaaaaaaaaaaaaaaaaaa'));
    expect(isDutyClaimsApiError(after)).toBe(true);
    if (!isDutyClaimsApiError(after)) return;
    expect([after.status, after.code, after.retryStrategy]).toEqual([401, 'credential_revoked', 'no_retry']);
    expect(after.meta.attempts).toHaveLength(1);
    expect(after.message).toContain(created.data.prefix);
  });

  it('never grants a scope the creating key lacks (least privilege), and names the scope', async () => {
    const { sandbox } = mock.personas;
    await using reader = createDutyClaimsClient({ baseUrl: mock.url, credential: { apiKey: sandbox.readOnlyApiKey } });
    const denied = await errorOf(reader.createApiKey(sandbox.partnerOrgId, { name: 'x', scopes: ['claims:read'] }));
    expect(isDutyClaimsApiError(denied) && [denied.status, denied.code]).toEqual([403, 'insufficient_scope']);
    await using admin = createDutyClaimsClient({ baseUrl: mock.url, credential: { apiKey: sandbox.apiKey } });
    const limited = await admin.createApiKey(sandbox.partnerOrgId, {
      name: 'limited',
      scopes: ['api_keys:write', 'claims:read'],
    });
    await using escalating = createDutyClaimsClient({ baseUrl: mock.url, credential: { apiKey: limited.data.key } });
    const refused = await errorOf(
      escalating.createApiKey(sandbox.partnerOrgId, { name: 'y', scopes: ['claims:write'] }),
    );
    expect(isDutyClaimsApiError(refused) && [refused.status, refused.code]).toEqual([422, 'validation_failed']);
    expect(isDutyClaimsApiError(refused) && refused.envelope?.error.details).toEqual([
      { field: 'scopes', reason: expect.stringContaining('does not hold claims:write') },
    ]);
  });

  it('refuses a grace outside 0-86400 s with 422 validation_failed', async () => {
    const { sandbox } = mock.personas;
    await using admin = createDutyClaimsClient({ baseUrl: mock.url, credential: { apiKey: sandbox.apiKey } });
    const created = await admin.createApiKey(sandbox.partnerOrgId, { name: 'bounds', scopes: ['claims:read'] });
    const error = await errorOf(admin.revokeApiKey(sandbox.partnerOrgId, created.data.id, { graceSeconds: 86_401 }));
    expect(isDutyClaimsApiError(error) && [error.status, error.code]).toEqual([422, 'validation_failed']);
  });
});

describe('a credential provider switches keys without a restart', () => {
  it('asks before each call, records the prefix that served each call, and accepts an async provider', async () => {
    await mock.control.reset();
    const { sandbox } = mock.personas;
    await using admin = createDutyClaimsClient({ baseUrl: mock.url, credential: { apiKey: sandbox.apiKey } });
    const replacement = (
      await admin.createApiKey(sandbox.partnerOrgId, { name: 'next', scopes: ['partner_orgs:read'] })
    ).data;
    let current = sandbox.apiKey;
    await using client = createDutyClaimsClient({
      baseUrl: mock.url,
      environment: 'sandbox',
      credential: { apiKeyProvider: async () => current },
    });
    const first = await client.getPartnerOrganization(sandbox.partnerOrgId);
    current = replacement.key;
    const second = await client.getPartnerOrganization(sandbox.partnerOrgId);
    expect(first.meta.credentialPrefix).toBe(sandbox.apiKey.slice(0, 12));
    expect(second.meta.credentialPrefix).toBe(replacement.prefix);
    expect(second.meta.attempts[0]?.credentialPrefix).toBe(replacement.prefix);
    const journal = await mock.control.journal();
    expect(journal.at(-1)?.credentialPrefix).toBe(replacement.prefix);
  });

  it('rejects the call, naming what to fix, when the provider returns no key or a key of the wrong environment', async () => {
    await using empty = createDutyClaimsClient({ baseUrl: mock.url, credential: { apiKeyProvider: () => '' } });
    expect(isClientConfigurationError(await errorOf(empty.health().then(() => empty.getCapabilities('porg_x'))))).toBe(
      true,
    );
    await using live = createDutyClaimsClient({
      baseUrl: mock.url,
      environment: 'sandbox',
      credential: { apiKeyProvider: () => `dc_live_${'a'.repeat(32)}` },
    });
    expect(isCredentialEnvironmentError(await errorOf(live.getCapabilities('porg_x')))).toBe(true);
  });
});
