import { describe, expect, it } from 'vitest';
import { derivePersonas } from './personas.js';

describe('derivePersonas', () => {
  it('gives the same credentials for the same seed and different ones for another seed', () => {
    expect(derivePersonas('a')).toEqual(derivePersonas('a'));
    expect(derivePersonas('a').sandbox.apiKey).not.toBe(derivePersonas('b').sandbox.apiKey);
  });

  it('uses the contract shapes for org ids and keys', () => {
    const { sandbox, production } = derivePersonas('shape');
    expect(sandbox.partnerOrgId).toMatch(/^porg_[0-9a-z]{20}$/);
    expect(sandbox.apiKey).toMatch(/^dc_test_[a-z2-7]{32}$/);
    expect(sandbox.readOnlyApiKey).toMatch(/^dc_test_[a-z2-7]{32}$/);
    expect(production.apiKey).toMatch(/^dc_live_[a-z2-7]{32}$/);
    expect(production.readOnlyApiKey).toMatch(/^dc_live_[a-z2-7]{32}$/);
    expect(sandbox.partnerOrgId).not.toBe(production.partnerOrgId);
    expect(sandbox.oauthClient.clientSecret.length).toBeGreaterThan(32);
  });
});
