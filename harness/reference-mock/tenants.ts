import type { CredentialRegistry } from './credentials.js';
import { newId, randomBase32 } from './ids.js';
import type { MockEnvironment } from './options.js';
import type { OrgRecord } from './store.js';

/** A partner org of its own for one run on a shared mock: credentials, rate buckets and state apart. */
export interface Tenant {
  readonly partnerOrgId: string;
  /** Full API key (every scope). */
  readonly apiKey: string;
  /** API key with the `*:read` scopes. */
  readonly readOnlyApiKey: string;
  readonly environment: MockEnvironment;
  readonly createdAt: string;
}

/** The partner organization record of a tenant. */
export const tenantOrg = (tenant: Tenant): OrgRecord => ({
  id: tenant.partnerOrgId,
  name: `Run tenant ${tenant.partnerOrgId.slice(-6)}`,
  environment: tenant.environment,
  createdAt: tenant.createdAt,
});

/** Tenants of one mock, at most `max` (the oldest is retired beyond that: its keys stop working). */
export interface TenantBook {
  create(createdAt: string): Tenant;
  /** The orgs of every live tenant (re-added to the store after a reset). */
  orgs(): OrgRecord[];
  has(orgId: string): boolean;
}

/** Creates the tenant book; `onRetire` forgets a retired tenant's org in the store. */
export function createTenantBook(
  credentials: CredentialRegistry,
  environment: MockEnvironment,
  max: number,
  onRetire: (orgId: string) => void,
): TenantBook {
  const tenants = new Map<string, Tenant>();
  const prefix = environment === 'sandbox' ? 'dc_test_' : 'dc_live_';
  return {
    create(createdAt) {
      for (const orgId of tenants.keys()) {
        if (tenants.size < max) break;
        tenants.delete(orgId);
        credentials.removeOrgKeys(orgId);
        onRetire(orgId);
      }
      const tenant: Tenant = {
        partnerOrgId: newId('porg'),
        apiKey: `${prefix}${randomBase32(32)}`,
        readOnlyApiKey: `${prefix}${randomBase32(32)}`,
        environment,
        createdAt,
      };
      tenants.set(tenant.partnerOrgId, tenant);
      credentials.addOrgKeys(tenant.partnerOrgId, tenant, Date.parse(createdAt));
      return tenant;
    },
    orgs: () => [...tenants.values()].map(tenantOrg),
    has: (orgId) => tenants.has(orgId),
  };
}
