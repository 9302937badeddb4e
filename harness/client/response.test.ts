import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorEnvelope } from '../../test/support/dutyclaims-responses.js';
import { PartnerOrganization } from '../contract/schemas/partner-organizations.js';
import { parseErrorBody, parseSuccessBody } from './response.js';

describe('parseErrorBody (error mapping)', () => {
  it('takes the code and retry strategy from the DutyClaims envelope', () => {
    const { status, body } = errorEnvelope('idempotency_key_reused');
    const parsed = parseErrorBody(status, JSON.stringify(body));
    expect(parsed.code).toBe('idempotency_key_reused');
    expect(parsed.retryStrategy).toBe('fix_request');
    expect(parsed.envelope?.error.requestId).toBe(body.error.requestId);
    expect(parsed.reason).toBeNull();
  });

  it('gives an HTML error page its own code instead of crashing', () => {
    const parsed = parseErrorBody(502, '<html><body>Bad gateway</body></html>');
    expect(parsed).toMatchObject({ code: 'DC_ERR_UNEXPECTED_RESPONSE', envelope: null, retryStrategy: 'backoff' });
    expect(parsed.reason).toContain('non-JSON body');
  });

  it('treats JSON without an envelope, and an empty body, as unexpected', () => {
    expect(parseErrorBody(404, '{"message":"nope"}')).toMatchObject({
      code: 'DC_ERR_UNEXPECTED_RESPONSE',
      retryStrategy: 'no_retry',
    });
    expect(parseErrorBody(503, '').code).toBe('DC_ERR_UNEXPECTED_RESPONSE');
    expect(parseErrorBody(400, 'null').code).toBe('DC_ERR_UNEXPECTED_RESPONSE');
  });
});

describe('parseSuccessBody', () => {
  it('returns the parsed data when the body matches the schema', () => {
    expect(parseSuccessBody('{"status":"ok"}', z.object({ status: z.literal('ok') }))).toEqual({
      ok: true,
      data: { status: 'ok' },
    });
  });

  it('lists the fields that break the contract', () => {
    const parsed = parseSuccessBody('{"id":"org_1","name":""}', PartnerOrganization);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((issue) => issue.path.join('.'))).toEqual(
      expect.arrayContaining(['id', 'name', 'environment', 'contract']),
    );
  });

  it('reports a body that is not JSON as one issue', () => {
    const parsed = parseSuccessBody('<html>', z.object({}));
    expect(parsed).toMatchObject({ ok: false, issues: [{ code: 'invalid_json', path: [] }] });
  });
});
