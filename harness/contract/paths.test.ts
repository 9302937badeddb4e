import { describe, expect, it } from 'vitest';
import { buildPath, compilePath } from './paths.js';

describe('paths', () => {
  it('builds and matches a template round-trip, encoding parameters', () => {
    const path = buildPath('/v1/claims/{claimId}/status', { claimId: 'clm a/b' });
    expect(path).toBe('/v1/claims/clm%20a%2Fb/status');
    expect(compilePath('/v1/claims/{claimId}/status').match(path)).toEqual({ claimId: 'clm a/b' });
  });

  it('does not match other shapes', () => {
    const matcher = compilePath('/v1/claims/{claimId}/status');
    expect(matcher.match('/v1/claims/x/status/extra')).toBeNull();
    expect(matcher.match('/v1/claims//status')).toBeNull();
  });

  it('refuses to build with a missing parameter', () => {
    expect(() => buildPath('/v1/clients/{clientId}/authority')).toThrow(/clientId/);
  });
});
