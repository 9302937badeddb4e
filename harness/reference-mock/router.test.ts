import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRouter } from './router.js';

describe('router over the contract route table', () => {
  const route = createRouter();

  it('finds static and templated routes with their params', () => {
    expect(route('GET', '/health')).toMatchObject({ kind: 'found', match: { name: 'health' } });
    expect(route('GET', '/v1/claims/clm_abc/status')).toMatchObject({
      kind: 'found',
      match: { name: 'getClaimStatus', params: { claimId: 'clm_abc' } },
    });
    expect(route('POST', '/v1/webhooks/endpoints/we_1/rotate-secret')).toMatchObject({
      match: { name: 'rotateWebhookSecret', params: { endpointId: 'we_1' } },
    });
  });

  it('tells a wrong method (with the allowed ones) from an unknown path', () => {
    expect(route('DELETE', '/v1/claims')).toEqual({ kind: 'method_not_allowed', allowed: ['POST'] });
    expect(route('POST', '/v1/claims/clm_abc/status')).toEqual({ kind: 'method_not_allowed', allowed: ['GET'] });
    expect(route('GET', '/v1/nothing')).toEqual({ kind: 'not_found' });
    expect(route('GET', '/v1/claims/a/b/status')).toEqual({ kind: 'not_found' });
    expect(route('GET', '/v1/claims/%E0%A4%A/status')).toEqual({ kind: 'not_found' });
  });
});

describe('router cache', () => {
  const SEGMENTS = [
    'v1',
    'claims',
    'clients',
    'status',
    'authority',
    'webhooks',
    'endpoints',
    'health',
    '%41',
    '%E0%A4%A',
    'clm_abc',
    'x',
  ];
  const path = fc
    .array(fc.oneof(fc.constantFrom(...SEGMENTS), fc.stringMatching(/^[a-z0-9_%]{1,6}$/)), {
      minLength: 0,
      maxLength: 5,
    })
    .map((parts) => `/${parts.join('/')}`);

  it('answers every method and path exactly as a fresh lookup, also once it has forgotten and refilled', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('GET', 'POST', 'DELETE', 'PUT'), path), { minLength: 1, maxLength: 60 }),
        (requests) => {
          const cached = createRouter(4);
          const fresh = createRouter(0);
          for (const [method, pathname] of [...requests, ...requests])
            expect(cached(method, pathname)).toEqual(fresh(method, pathname));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('shares a remembered match only frozen, so no request can change what the next one reads', () => {
    const route = createRouter();
    const first = route('GET', '/v1/claims/clm_abc/status');
    expect(route('GET', '/v1/claims/clm_abc/status')).toBe(first);
    if (first.kind !== 'found') throw new Error('expected a match');
    expect(Object.isFrozen(first.match.params)).toBe(true);
    expect(() => {
      (first.match.params as Record<string, string>).claimId = 'clm_other';
    }).toThrow(TypeError);
  });

  it('looks a long path up each time instead of remembering it', () => {
    const route = createRouter();
    const long = `/v1/claims/clm_${'a'.repeat(300)}/status`;
    expect(route('GET', long)).toMatchObject({
      kind: 'found',
      match: { params: { claimId: `clm_${'a'.repeat(300)}` } },
    });
    expect(route('GET', long)).not.toBe(route('GET', long));
  });
});
