import { Readable } from 'node:stream';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorEnvelope } from '../../harness/contract/index.js';
import { type StartedReferenceMock, startReferenceMock } from '../../harness/reference-mock/index.js';
import { call, claimBody, createClient } from './support/http.js';

let mock: StartedReferenceMock;
let token: string;
beforeAll(async () => {
  mock = await startReferenceMock({ seed: 'bad-input', maxBodyBytes: 1024 });
  token = mock.personas.sandbox.apiKey;
});
afterAll(() => mock.close());

describe('bad input gets the error envelope, never a 5xx', () => {
  it('answers malformed JSON with 400 malformed_json', async () => {
    const response = await call(mock.url, 'POST', '/v1/clients', {
      token,
      rawBody: '{"externalRef": "a",',
      headers: { 'content-type': 'application/json' },
    });
    expect([response.status, response.json.error.code]).toEqual([400, 'malformed_json']);
  });

  it('answers a wrong or missing content type with 415', async () => {
    const wrong = await call(mock.url, 'POST', '/v1/clients', {
      token,
      rawBody: 'externalRef=a',
      headers: { 'content-type': 'text/plain' },
    });
    expect([wrong.status, wrong.json.error.code]).toEqual([415, 'unsupported_media_type']);
    const missing = await call(mock.url, 'POST', '/v1/clients', { token, rawBody: '{}' });
    expect(missing.status).toBe(415);
    const withCharset = await call(mock.url, 'POST', '/v1/clients', {
      token,
      rawBody: JSON.stringify({ externalRef: 'cs', name: 'C', country: 'GB' }),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(withCharset.status).toBe(201);
  });

  it('answers an oversized body with 413, declared or streamed, and keeps serving', async () => {
    const declared = await call(mock.url, 'POST', '/v1/clients', {
      token,
      body: { externalRef: 'big', name: 'x'.repeat(5000), country: 'GB' },
    });
    expect([declared.status, declared.json.error.code]).toEqual([413, 'payload_too_large']);
    // No Content-Length: the mock only learns the size while streaming.
    const chunks = () =>
      Readable.from(
        (function* () {
          for (let i = 0; i < 64; i++) yield Buffer.from('x'.repeat(1024));
        })(),
      );
    const streamed = await request(`${mock.url}/v1/clients`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: chunks(),
    });
    expect(streamed.statusCode).toBe(413);
    const envelope = ErrorEnvelope.parse(await streamed.body.json());
    expect(envelope.error.code).toBe('payload_too_large');
    expect(envelope.error.message).toMatch(/streamed/);
    expect((await call(mock.url, 'GET', '/health')).status).toBe(200);
  });

  it('answers unknown routes with 404 and wrong methods with 405 plus Allow', async () => {
    const unknown = await call(mock.url, 'GET', '/v2/claims', { token });
    expect([unknown.status, unknown.json.error.code]).toEqual([404, 'route_not_found']);
    const wrong = await call(mock.url, 'DELETE', '/v1/webhooks/endpoints', { token });
    expect([wrong.status, wrong.json.error.code, wrong.headers.allow]).toEqual([405, 'method_not_allowed', 'POST']);
  });

  it('turns zod issues into 422 details per field, for body, path and query', async () => {
    const body = await call(mock.url, 'POST', '/v1/clients', {
      token,
      body: { externalRef: 'has space', name: '', country: 'gb', extra: 1 },
    });
    expect(body.status).toBe(422);
    expect(body.json.error.code).toBe('validation_failed');
    expect(body.json.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'country',
      'externalRef',
      'name',
    ]);
    const clientId = await createClient(mock.url, token, 'v-1');
    const nested = await call(mock.url, 'POST', '/v1/claims', {
      token,
      body: { ...claimBody(clientId), amount: { currency: 'GBP', value: 12.5 } },
      idempotencyKey: 'v-k1',
    });
    expect(nested.json.error.details).toEqual([{ field: 'amount.value', reason: expect.any(String) }]);
    const path = await call(mock.url, 'GET', '/v1/claims/not-a-claim/status', { token });
    expect([path.status, path.json.error.details[0].field]).toEqual([422, 'claimId']);
    const query = await call(mock.url, 'GET', '/v1/webhook-deliveries?limit=500&status=lost', { token });
    expect(query.status).toBe(422);
    expect(query.json.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['limit', 'status']);
  });

  it('rejects a missing or invalid Idempotency-Key on claims', async () => {
    const clientId = await createClient(mock.url, token, 'idem-hdr');
    const missing = await call(mock.url, 'POST', '/v1/claims', { token, body: claimBody(clientId) });
    expect([missing.status, missing.json.error.code]).toEqual([400, 'missing_idempotency_key']);
    const invalid = await call(mock.url, 'POST', '/v1/claims', {
      token,
      body: claimBody(clientId),
      idempotencyKey: 'x'.repeat(256),
    });
    expect([invalid.status, invalid.json.error.code]).toEqual([400, 'invalid_header']);
    expect(invalid.json.error.details[0].field).toBe('Idempotency-Key');
  });

  it('answers deeply nested JSON with 400 malformed_json naming the limit, keyed or not', async () => {
    // The default body limit (64 KiB) lets through a document deep enough to overflow a recursive walk.
    await using roomy = await startReferenceMock({ seed: 'bad-input-deep' });
    const key = roomy.personas.sandbox.apiKey;
    const clientId = await createClient(roomy.url, key, 'deep-1');
    const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const bodies = [
      [
        '/v1/clients',
        (depth: number) => `{"externalRef":"deep-${depth}","name":"A","country":"GB","extra":${deep(depth)}}`,
      ],
      [
        '/v1/claims',
        (depth: number) => JSON.stringify(claimBody(clientId, `r-${depth}`)).replace('}', `,"x":${deep(depth)}}`),
      ],
    ] as const;
    for (const [path, body] of bodies)
      for (const depth of [5000, 20_000, 64]) // 64 inside the top-level object: 65 levels
        for (const idempotencyKey of [`deep-${depth}`, undefined]) {
          if (path === '/v1/claims' && idempotencyKey === undefined) continue; // claims require a key
          const response = await call(roomy.url, 'POST', path, {
            token: key,
            rawBody: body(depth),
            headers: { 'content-type': 'application/json' },
            ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
          });
          const label = `${path}, extra nested ${depth} deep, key ${idempotencyKey}`;
          expect(response.status, `${label}: ${response.text}`).toBe(400);
          expect(response.json.error.code, label).toBe('malformed_json');
          expect(response.json.error.details, label).toEqual([
            { field: 'body', reason: 'nested deeper than 64 levels' },
          ]);
        }
    const limit = await call(roomy.url, 'POST', '/v1/clients', {
      token: key,
      rawBody: `{"externalRef":"deep-ok","name":"A","country":"GB","extra":${deep(63)}}`,
      headers: { 'content-type': 'application/json' },
      idempotencyKey: 'deep-ok',
    });
    expect(limit.status, limit.text).toBe(201);
    const headers = { 'content-type': 'application/json' };
    const control = await call(roomy.url, 'POST', '/_mock/faults', { rawBody: `{"kind":${deep(5000)}}`, headers });
    expect(control.status).toBe(400);
  });

  it('survives a battery of odd requests without a single 5xx', async () => {
    const odd: [string, string, Parameters<typeof call>[3]][] = [
      [
        'POST',
        '/v1/claims',
        { token, rawBody: 'null', headers: { 'content-type': 'application/json' }, idempotencyKey: 'n' },
      ],
      [
        'POST',
        '/v1/claims',
        { token, rawBody: '[]', headers: { 'content-type': 'application/json' }, idempotencyKey: 'a' },
      ],
      [
        'POST',
        '/v1/claims',
        { token, rawBody: '"x"', headers: { 'content-type': 'application/json' }, idempotencyKey: 's' },
      ],
      ['POST', '/v1/clients', { token, rawBody: '\u0000\u0001', headers: { 'content-type': 'application/json' } }],
      [
        'POST',
        '/v1/clients',
        { token, rawBody: `{"extra":${'['.repeat(400)}`, headers: { 'content-type': 'application/json' } },
      ],
      ['GET', '/v1/claims/%ZZ/status', { token }],
      ['GET', '/v1/webhook-deliveries?cursor=%%%', { token }],
      ['GET', '/v1/webhook-deliveries?cursor=bm90LWEtY3Vyc29y', { token }],
      ['POST', '/v1/webhooks/endpoints/we_aaaaaaaaaaaaaaaaaaaa/rotate-secret', { token, rawBody: 'garbage' }],
      ['GET', '//', { token }],
      ['OPTIONS', '/v1/claims', { token }],
      ['POST', '/oauth/token', { rawBody: '%%%', headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
      [
        'POST',
        '/oauth/token',
        { rawBody: '', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic %%%' } },
      ],
    ];
    for (const [method, path, options] of odd) {
      const response = await call(mock.url, method, path, options);
      expect(response.status, `${method} ${path}: ${response.text}`).toBeLessThan(500);
      expect(ErrorEnvelope.safeParse(response.json).success, `${method} ${path}`).toBe(true);
    }
  });
});
