import { afterEach, describe, expect, it } from 'vitest';
import { type StartedReferenceMock, startReferenceMock } from '../../harness/reference-mock/index.js';
import { call, createClient } from './support/http.js';

let mock: StartedReferenceMock | undefined;
afterEach(() => mock?.close());

describe('run tenants on a shared mock', () => {
  it('gives each run its own org, credentials, rate bucket and resources', async () => {
    mock = await startReferenceMock({ seed: 'tenants', rateLimit: { limit: 3 } });
    const base = mock.url;
    const [a, b] = [await mock.control.createTenant(), await mock.control.createTenant()];
    expect(a.partnerOrgId).not.toBe(b.partnerOrgId);
    expect(a.apiKey).toMatch(/^dc_test_[a-z2-7]{32}$/);
    expect(a.apiKey).not.toBe(mock.personas.sandbox.apiKey);
    const org = await call(base, 'GET', `/v1/partner-organizations/${a.partnerOrgId}`, { token: a.apiKey });
    expect([org.status, org.json.id]).toEqual([200, a.partnerOrgId]);
    const other = await call(base, 'GET', `/v1/partner-organizations/${b.partnerOrgId}`, { token: a.apiKey });
    expect(other.status).toBe(403);

    const clientOfA = await createClient(base, a.apiKey, 'tenant-a');
    const seenByB = await call(base, 'GET', `/v1/clients/${clientOfA}/authority`, { token: b.apiKey });
    expect(seenByB.status).toBe(404);
    // Same externalRef in another tenant is another client.
    expect(
      (
        await call(base, 'POST', '/v1/clients', {
          token: b.apiKey,
          body: { externalRef: 'tenant-a', name: 'B', country: 'GB' },
        })
      ).status,
    ).toBe(201);

    // A's bucket is spent (3 requests above and this one); B and the seeded persona still have theirs.
    const spent = await call(base, 'GET', `/v1/partner-organizations/${a.partnerOrgId}`, { token: a.apiKey });
    expect(spent.status).toBe(429);
    expect((await call(base, 'GET', `/v1/partner-organizations/${b.partnerOrgId}`, { token: b.apiKey })).status).toBe(
      200,
    );
    const seeded = mock.personas.sandbox;
    expect(
      (await call(base, 'GET', `/v1/partner-organizations/${seeded.partnerOrgId}`, { token: seeded.apiKey })).status,
    ).toBe(200);
  });

  it('retires the oldest tenant beyond maxTenants, and keeps tenants across a reset', async () => {
    mock = await startReferenceMock({ seed: 'tenants-cap', retention: { maxTenants: 2 } });
    const base = mock.url;
    const first = await mock.control.createTenant();
    const second = await mock.control.createTenant();
    const third = await mock.control.createTenant();
    const orgStatus = async (t: { partnerOrgId: string; apiKey: string }) =>
      (await call(base, 'GET', `/v1/partner-organizations/${t.partnerOrgId}`, { token: t.apiKey })).status;
    expect([await orgStatus(first), await orgStatus(second), await orgStatus(third)]).toEqual([401, 200, 200]);
    await mock.control.reset();
    expect(await orgStatus(third)).toBe(200);
  });
});
