import { describe, expect, it } from 'vitest';
import { ErrorEnvelope, routes } from '../contract/index.js';
import { ApiProblem, envelopeJson, issuesToDetails } from './problem.js';

describe('error envelope', () => {
  it('fills type, retry strategy and message from the catalog and validates against the contract', () => {
    const json = envelopeJson(
      new ApiProblem('authority_not_granted', { resourceId: 'cli_x' }),
      'req_aaaaaaaaaaaaaaaaaaaa',
      'corr_b',
    );
    const envelope = ErrorEnvelope.parse(JSON.parse(json));
    expect(envelope.error).toEqual({
      type: 'conflict_error',
      code: 'authority_not_granted',
      message: expect.stringMatching(/authority/),
      requestId: 'req_aaaaaaaaaaaaaaaaaaaa',
      correlationId: 'corr_b',
      retryStrategy: 'no_retry',
      resourceId: 'cli_x',
    });
  });

  it('omits empty details and keeps a status override', () => {
    const problem = new ApiProblem('service_unavailable', { status: 502, details: [] });
    expect(problem.status).toBe(502);
    expect(JSON.parse(envelopeJson(problem, 'req_a', 'c')).error.details).toBeUndefined();
  });

  it('turns zod issues into one detail per field path', () => {
    const parsed = routes.createClaim.body.schema.safeParse({ clientId: 'x', amount: { currency: 'gbp', value: '1' } });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const fields = issuesToDetails(parsed.error.issues).map((detail) => detail.field);
    expect(fields).toEqual(expect.arrayContaining(['clientId', 'claimType', 'amount.currency', 'reference']));
    expect(issuesToDetails([{ code: 'custom', path: [], message: 'bad', input: null }], 'body')).toEqual([
      { field: 'body', reason: 'bad' },
    ]);
  });
});
