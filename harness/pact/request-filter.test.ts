import { describe, expect, it } from 'vitest';
import { PACT_PLACEHOLDERS } from './placeholders.js';
import { createCredentialRequestFilter, type FilteredRequest } from './request-filter.js';

const credentials = {
  apiKey: 'dc_test_realfullaccesskey000000000000000',
  readOnlyApiKey: 'dc_test_realreadonlykey0000000000000000',
  oauthClient: { clientId: 'dc_client_real', clientSecret: 'dc_cs_realsecret' },
};

function run(request: FilteredRequest): FilteredRequest {
  let nexted = false;
  createCredentialRequestFilter(credentials)(request, {}, () => {
    nexted = true;
  });
  expect(nexted).toBe(true);
  return request;
}

describe('createCredentialRequestFilter', () => {
  it('swaps the full and read-only placeholders for the real keys', () => {
    expect(run({ headers: { authorization: `Bearer ${PACT_PLACEHOLDERS.apiKey}` } }).headers.authorization).toBe(
      `Bearer ${credentials.apiKey}`,
    );
    expect(
      run({ headers: { authorization: `Bearer ${PACT_PLACEHOLDERS.readOnlyApiKey}` } }).headers.authorization,
    ).toBe(`Bearer ${credentials.readOnlyApiKey}`);
  });

  it('leaves the unknown-credential placeholder and requests without a credential alone', () => {
    const unknown = `Bearer ${PACT_PLACEHOLDERS.unknownApiKey}`;
    expect(run({ headers: { authorization: unknown } }).headers.authorization).toBe(unknown);
    expect(run({ headers: {} }).headers).toEqual({});
  });

  it('re-encodes a parsed OAuth form with the real client and its new length', () => {
    const request = run({
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '10' },
      body: {
        grant_type: 'client_credentials',
        client_id: PACT_PLACEHOLDERS.oauthClientId,
        client_secret: PACT_PLACEHOLDERS.oauthClientSecret,
      },
    });
    const text = (request.body as Buffer).toString('utf8');
    expect(text).toBe('grant_type=client_credentials&client_id=dc_client_real&client_secret=dc_cs_realsecret');
    expect(request.headers['content-length']).toBe(String(Buffer.byteLength(text)));
  });

  it('leaves JSON bodies as the proxy parsed them', () => {
    const body = { clientId: 'cli_x' };
    expect(run({ headers: { 'content-type': 'application/json' }, body }).body).toBe(body);
  });
});
