import { describe, expect, it } from 'vitest';
import { ClaimStatus } from '../contract/schemas/claims.js';
import { ClientId } from '../contract/schemas/common.js';
import { errorResponse, matching, patternOf } from './matchers.js';

describe('matchers built from the contract', () => {
  it('take the pattern of a schema, or its enum as escaped alternatives', () => {
    expect(patternOf(ClientId)).toBe('^cli_[0-9a-z]{16,40}$');
    expect(patternOf(ClaimStatus)).toBe('^(received|validating|submitted|accepted|rejected)$');
  });

  it('refuse an example that breaks its own schema', () => {
    expect(() => matching(ClientId, 'client-1')).toThrow(/does not satisfy its contract schema/);
    expect(matching(ClientId, 'cli_pactexampleclient001')).toMatchObject({
      'pact:matcher:type': 'regex',
      value: 'cli_pactexampleclient001',
    });
  });

  it('pin status, type and retry strategy of an error code literally, and its message by type', () => {
    const { status, body } = errorResponse('authority_not_granted');
    expect(status).toBe(409);
    expect(body.error).toMatchObject({
      type: 'conflict_error',
      code: 'authority_not_granted',
      retryStrategy: 'no_retry',
    });
    expect(body.error.message).toMatchObject({ 'pact:matcher:type': 'type' });
  });
});
