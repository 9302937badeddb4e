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
