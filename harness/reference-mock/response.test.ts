import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Headers } from '../contract/index.js';
import { DEFAULT_REFERENCE_MOCK_OPTIONS, type ResolvedReferenceMockOptions } from './options.js';
import type { RateLimitState } from './rate-limiter.js';
import { createResponseWriter, type ResponseIds } from './response.js';

/** A response on a socket that keeps every byte written to it: what the client would read. */
function capture(): { res: ServerResponse; wire: () => string } {
  let bytes = '';
  const socket = new Socket();
  const sink = (chunk: string | Buffer, encoding?: unknown, callback?: unknown) => {
    bytes += typeof chunk === 'string' ? chunk : chunk.toString('latin1');
    for (const done of [encoding, callback]) if (typeof done === 'function') done();
    return true;
  };
  Object.assign(socket, { write: sink, cork: () => undefined, uncork: () => undefined });
  Object.defineProperty(socket, 'writable', { value: true });
  const req = new IncomingMessage(socket);
  req.method = 'GET';
  req.headers = {};
  const res = new ServerResponse(req);
  res.assignSocket(socket);
  return { res, wire: () => bytes.replace(/\r\nDate: [^\r]*/, '') };
}

/** What the writer sent before its header list was precomputed: one object per response. */
function objectWriterWire(
  options: ResolvedReferenceMockOptions,
  status: number,
  body: string,
  ids: ResponseIds,
  rate: RateLimitState,
  extra?: Readonly<Record<string, string>>,
): string {
  const dropped = new Set(options.deviations.dropResponseHeaders.map((name) => name.toLowerCase()));
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(body)),
    [Headers.requestId]: ids.requestId,
    [Headers.correlationId]: ids.correlationId,
    [Headers.rateLimitLimit]: String(rate.limit),
    [Headers.rateLimitRemaining]: String(rate.remaining),
    [Headers.rateLimitReset]: String(rate.resetAt),
    [Headers.contractHash]: options.contractHash,
    [Headers.environment]: options.environment,
  };
  if (extra) Object.assign(headers, extra);
  for (const name of Object.keys(headers)) if (dropped.has(name.toLowerCase())) delete headers[name];
  const { res, wire } = capture();
  res.writeHead(status, headers);
  res.end(body);
  return wire();
}

const STANDARD_NAMES = [
  'Content-Type',
  'content-length',
  Headers.requestId,
  'x-correlation-id',
  Headers.rateLimitLimit,
  Headers.rateLimitRemaining,
  'X-RATELIMIT-RESET',
  Headers.contractHash,
  Headers.environment,
];
const EXTRA_NAMES = [
  Headers.idempotentReplayed,
  Headers.retryAfter,
  'Allow',
  'Cache-Control',
  Headers.rateLimitRemaining,
];

describe('response writer', () => {
  it('puts exactly the bytes on the wire that one header object per response did, deviations and extras included', () => {
    fc.assert(
      fc.property(
        fc.subarray([...STANDARD_NAMES, 'Allow', 'Retry-After']),
        fc.constantFrom('sandbox', 'production'),
        fc.array(
          fc.record({
            status: fc.constantFrom(200, 201, 202, 400, 404, 429, 500),
            body: fc.string({ maxLength: 40, unit: 'grapheme' }),
            limit: fc.integer({ min: 1, max: 5000 }),
            remaining: fc.integer({ min: 0, max: 5000 }),
            resetAt: fc.integer({ min: 1_700_000_000, max: 1_700_000_300 }),
            extra: fc.option(
              fc.dictionary(fc.constantFrom(...EXTRA_NAMES), fc.stringMatching(/^[!-~]{1,12}$/), { maxKeys: 3 }),
              { nil: undefined },
            ),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        (dropResponseHeaders, environment, responses) => {
          const options: ResolvedReferenceMockOptions = {
            ...DEFAULT_REFERENCE_MOCK_OPTIONS,
            environment,
            deviations: { dropResponseHeaders, dropBodyFields: {} },
          };
          const writer = createResponseWriter(options);
          responses.forEach((r, index) => {
            const ids = { requestId: `req_${index}`, correlationId: `corr_${index}` };
            const rate = { ...r, limited: false, retryAfterSeconds: 1 };
            const { res, wire } = capture();
            expect(writer.send(res, r.status, r.body, ids, rate, r.extra)).toBe(true);
            expect(wire()).toBe(objectWriterWire(options, r.status, r.body, ids, rate, r.extra));
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('measures Content-Length per body string: the same string again, and bodies of one length in characters but not in bytes', () => {
    const writer = createResponseWriter(DEFAULT_REFERENCE_MOCK_OPTIONS);
    const rate = { limit: 1000, remaining: 999, resetAt: 1_700_000_060, limited: false, retryAfterSeconds: 60 };
    const sent = (body: string) => {
      const { res, wire } = capture();
      writer.send(res, 200, body, { requestId: 'req_1', correlationId: 'corr_1' }, rate);
      return /Content-Length: (\d+)/.exec(wire())?.[1];
    };
    const ascii = '{"a":"ee"}';
    const accented = '{"a":"éé"}';
    expect([sent(ascii), sent(ascii), sent(accented), sent(ascii), sent(accented)]).toEqual([
      '10',
      '10',
      '12',
      '10',
      '12',
    ]);
  });

  it('sends every standard header by default, and nothing once the response is gone', () => {
    const writer = createResponseWriter(DEFAULT_REFERENCE_MOCK_OPTIONS);
    const { res, wire } = capture();
    const rate = { limit: 1000, remaining: 999, resetAt: 1_700_000_060, limited: false, retryAfterSeconds: 60 };
    writer.send(res, 200, '{"ok":true}', { requestId: 'req_1', correlationId: 'corr_1' }, rate, {
      [Headers.idempotentReplayed]: 'false',
    });
    const lines = wire().split('\r\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'HTTP/1.1 200 OK',
        'Content-Type: application/json',
        'Content-Length: 11',
        'X-Request-Id: req_1',
        'X-Correlation-Id: corr_1',
        'X-RateLimit-Limit: 1000',
        'X-RateLimit-Remaining: 999',
        'X-RateLimit-Reset: 1700000060',
        `DutyClaims-Contract-Hash: ${DEFAULT_REFERENCE_MOCK_OPTIONS.contractHash}`,
        'DutyClaims-Environment: sandbox',
        'Idempotent-Replayed: false',
      ]),
    );
    expect(writer.send(res, 200, '{}', { requestId: 'req_2', correlationId: 'corr_2' }, rate)).toBe(false);
  });
});
