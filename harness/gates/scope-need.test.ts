import { describe, expect, it } from 'vitest';
import type { Capabilities } from '../contract/schemas/partner-organizations.js';
import { excessScopes, familiesInUse, scopesNeeded } from './scope-need.js';

const capabilities = (grantedScopes: Capabilities['credential']['grantedScopes']): Capabilities => ({
  partnerOrgId: 'porg_7k2m9q4x8p3v6w1z5n0b',
  environment: 'production',
  routeFamilies: [
    {
      family: 'partner-organizations',
      credentialShapes: ['api_key_live'],
      requiredScopes: ['partner_orgs:read'],
      availability: 'ga',
    },
    {
      family: 'claims',
      credentialShapes: ['api_key_live'],
      requiredScopes: ['claims:write', 'claims:read'],
      availability: 'ga',
    },
    {
      family: 'clients',
      credentialShapes: ['api_key_live'],
      requiredScopes: ['clients:write', 'clients:read'],
      availability: 'ga',
    },
  ],
  credential: { shape: 'api_key_live', prefix: 'dc_live_abcd', grantedScopes },
});

describe('the scopes the route families in use need', () => {
  it('uses the golden path families by default, and sandbox only for a sandbox rehearsal', () => {
    expect(familiesInUse(null, 'sandbox', false)).toEqual([
      'partner-organizations',
      'webhooks',
      'clients',
      'claims',
      'sandbox',
    ]);
    expect(familiesInUse(null, 'production', true)).toEqual(['partner-organizations', 'webhooks', 'clients', 'claims']);
    expect(familiesInUse(['claims', 'sandbox'], 'production', true)).toEqual(['claims']);
  });

  it('a read-only run needs only read scopes: every write scope is excess', () => {
    const granted = capabilities(['partner_orgs:read', 'claims:read', 'claims:write']);
    expect(excessScopes(granted, ['partner-organizations', 'claims'], true)).toEqual(['claims:write']);
    expect(excessScopes(granted, ['partner-organizations', 'claims'], false)).toEqual([]);
  });

  it('a scope of a family not in use is excess', () => {
    const granted = capabilities(['partner_orgs:read', 'clients:read', 'clients:write']);
    expect(excessScopes(granted, ['partner-organizations'], false)).toEqual(['clients:read', 'clients:write']);
  });

  it('needs the key-management scopes only for a rotation, and never counts them as excess of a writing run', () => {
    const required = ['partner_orgs:read', 'api_keys:read', 'api_keys:write'] as const;
    expect(scopesNeeded(required, false)).toEqual(['partner_orgs:read']);
    expect(scopesNeeded(required, false, true)).toEqual(['partner_orgs:read', 'api_keys:read', 'api_keys:write']);
    expect(scopesNeeded(required, true, true)).toEqual(['partner_orgs:read', 'api_keys:read']);
    const granted = capabilities(['partner_orgs:read', 'api_keys:read', 'api_keys:write']);
    const withKeyRoutes = {
      ...granted,
      routeFamilies: granted.routeFamilies.map((family) =>
        family.family === 'partner-organizations' ? { ...family, requiredScopes: [...required] } : family,
      ),
    };
    expect(excessScopes(withKeyRoutes, ['partner-organizations'], false)).toEqual([]);
    expect(excessScopes(withKeyRoutes, ['partner-organizations'], true)).toEqual(['api_keys:write']);
  });
});
