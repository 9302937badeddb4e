import { describe, expect, it } from 'vitest';
import type { RawResponse } from '../client/metadata.js';
import { ResponseAudit } from './response-audit.js';

const apiKey = `dc_test_${'a'.repeat(32)}`;
const secret = `whsec_${'S'.repeat(32)}`;
const response = (overrides: Partial<RawResponse>): RawResponse => ({
  operationId: 'getWebhookEndpoint',
  method: 'GET',
  route: '/v1/webhooks/endpoints/{endpointId}',
  attempt: 1,
  status: 200,
  requestId: 'req_00000000000000000001',
  correlationId: 'corr_1',
  headers: { 'x-correlation-id': 'corr_1' },
  body: '{}',
  ...overrides,
});

describe('ResponseAudit', () => {
  it('allows a signing secret only in the response that creates or rotates it', () => {
    const audit = new ResponseAudit();
    audit.onResponse(response({ operationId: 'createWebhookEndpoint', body: JSON.stringify({ secret }) }));
    audit.onResponse(response({ operationId: 'rotateWebhookSecret', body: JSON.stringify({ secret }) }));
    expect(audit.leaks).toEqual([]);
    audit.onResponse(response({ body: JSON.stringify({ secret }) }));
    expect(audit.leaks).toEqual([
      expect.objectContaining({
        kind: 'webhook_secret',
        requestId: 'req_00000000000000000001',
        route: 'GET /v1/webhooks/endpoints/{endpointId}',
        where: 'body',
      }),
    ]);
    expect(JSON.stringify(audit.leaks)).not.toContain(secret);
  });

  it('finds a known secret of any shape, a \\u-escaped one, and one in a header', () => {
    const audit = new ResponseAudit();
    const oddSecret = 'client-secret-without-a-known-prefix-123';
    audit.know(oddSecret, 'oauth_client_secret');
    audit.onResponse(response({ body: JSON.stringify({ note: oddSecret }) }));
    audit.onResponse(response({ body: `{"k":"\\u0064c_test_${'a'.repeat(32)}"}` }));
    audit.onResponse(response({ headers: { 'x-debug': `Bearer ${apiKey}` } }));
    expect(audit.leaks.map((leak) => [leak.kind, leak.where])).toEqual([
      ['oauth_client_secret', 'body'],
      ['api_key', 'body'],
      ['api_key', 'header x-debug'],
    ]);
  });

  it('allows the access token in the token response, and nowhere else; a credential prefix is no leak', () => {
    const audit = new ResponseAudit();
    const token = `dc_oat_${'t'.repeat(40)}`;
    audit.onResponse(response({ operationId: 'createOAuthToken', body: JSON.stringify({ access_token: token }) }));
    audit.onResponse(
      response({ body: JSON.stringify({ prefix: apiKey.slice(0, 12), secretPrefix: secret.slice(0, 12) }) }),
    );
    expect(audit.leaks).toEqual([]);
    audit.onResponse(response({ operationId: 'getCapabilities', body: JSON.stringify({ token }) }));
    expect(audit.leaks.map((leak) => leak.kind)).toEqual(['oauth_access_token']);
  });

  it('records what each response echoed as X-Correlation-Id', () => {
    const audit = new ResponseAudit();
    audit.onResponse(response({ headers: { 'x-correlation-id': 'corr_other' } }));
    audit.onResponse(response({ headers: {} }));
    expect(audit.echoes.map((echo) => [echo.sent, echo.echoed])).toEqual([
      ['corr_1', 'corr_other'],
      ['corr_1', null],
    ]);
  });
});
