import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorEnvelope } from '../../harness/contract/index.js';
import { type StartedReferenceMock, startReferenceMock } from '../../harness/reference-mock/index.js';
import { type ApiResponse, call, clientBody } from './support/http.js';

let mock: StartedReferenceMock;
let token: string;
beforeAll(async () => {
  mock = await startReferenceMock({ seed: 'body-encoding' });
  token = mock.personas.sandbox.apiKey;
});
afterAll(() => mock.close());

const JSON_TYPE = 'application/json';
let keys = 0;

/** POST /v1/clients with `rawBody`, once without and once with an Idempotency-Key. */
async function bothWays(rawBody: string | Buffer, contentType = JSON_TYPE): Promise<ApiResponse[]> {
  const headers = { 'content-type': contentType };
  const plain = await call(mock.url, 'POST', '/v1/clients', { token, rawBody, headers });
  const keyed = await call(mock.url, 'POST', '/v1/clients', {
    token,
    rawBody,
    headers,
    idempotencyKey: `enc-${++keys}`,
  });
  return [plain, keyed];
}

const expectRefused = (responses: ApiResponse[], field: string) => {
  for (const response of responses) {
    expect(response.status, response.text).toBe(400);
    const envelope = ErrorEnvelope.parse(response.json);
    expect(envelope.error.code).toBe('malformed_json');
    expect(envelope.error.details?.[0]?.field).toBe(field);
  }
};

describe('request bodies must be UTF-8 text, with and without an Idempotency-Key', () => {
  it('refuses a lone surrogate in a string or a member name with 400, never 500', async () => {
    const inValue = '{"externalRef":"lone","name":"\\ud800","country":"GB"}';
    expectRefused(await bothWays(inValue), 'body');
    const lowHalf = '{"externalRef":"lone2","name":"a\\uDC00b","country":"GB"}';
    expectRefused(await bothWays(lowHalf), 'body');
    const inKey = '{"externalRef":"lone3","name":"n","country":"GB","\\ud83d":1}';
    expectRefused(await bothWays(inKey), 'body');
  });

  it('accepts an escaped surrogate pair, which is one whole character', async () => {
    const pair = JSON.stringify({ externalRef: 'pair', name: 'x', country: 'GB' }).replace('"x"', '"\\ud83d\\ude00"');
    const created = await call(mock.url, 'POST', '/v1/clients', {
      token,
      rawBody: pair,
      headers: { 'content-type': JSON_TYPE },
      idempotencyKey: 'pair-key',
    });
    expect(created.status, created.text).toBe(201);
    expect(created.json.name).toBe('\u{1f600}');
  });

  it('refuses bytes that are not valid UTF-8 instead of storing U+FFFD', async () => {
    const prefix = Buffer.from('{"externalRef":"bad-utf8","name":"');
    const suffix = Buffer.from('","country":"GB"}');
    for (const bad of [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xc0, 0xaf]])
      expectRefused(await bothWays(Buffer.concat([prefix, Buffer.from(bad), suffix])), 'body');
  });

  it('refuses a charset other than UTF-8 and accepts utf-8 spelled any way', async () => {
    const body = JSON.stringify({ externalRef: 'utf16', name: 'U', country: 'GB' });
    expectRefused(await bothWays(Buffer.from(body, 'utf16le'), `${JSON_TYPE}; charset=utf-16`), 'Content-Type');
    expectRefused(await bothWays(body, `${JSON_TYPE}; charset=iso-8859-1`), 'Content-Type');
    const quoted = await call(mock.url, 'POST', '/v1/clients', {
      token,
      rawBody: JSON.stringify(clientBody('quoted-utf8')),
      headers: { 'content-type': `${JSON_TYPE}; charset="UTF-8"` },
    });
    expect(quoted.status, quoted.text).toBe(201);
  });

  it('leaves the key free after refusing the body, so a fixed request with it succeeds', async () => {
    const headers = { 'content-type': JSON_TYPE };
    const refused = await call(mock.url, 'POST', '/v1/clients', {
      token,
      rawBody: '{"externalRef":"retry","name":"\\ud800","country":"GB"}',
      headers,
      idempotencyKey: 'fix-and-retry',
    });
    expect(refused.status).toBe(400);
    const fixed = await call(mock.url, 'POST', '/v1/clients', {
      token,
      body: clientBody('retry'),
      idempotencyKey: 'fix-and-retry',
    });
    expect([fixed.status, fixed.headers['idempotent-replayed']]).toEqual([201, 'false']);
  });
});
