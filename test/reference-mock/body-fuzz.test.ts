import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorEnvelope } from '../../harness/contract/index.js';
import { type StartedReferenceMock, startReferenceMock } from '../../harness/reference-mock/index.js';
import { call } from './support/http.js';

// The number of generated requests; raise it locally (FUZZ_RUNS=12000) for a longer fuzz.
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

let mock: StartedReferenceMock;
beforeAll(async () => {
  mock = await startReferenceMock({ seed: 'body-fuzz', rateLimit: { limit: 1_000_000 } });
});
afterAll(() => mock.close());

/** Text that is JSON-ish: valid documents, \u escapes (lone surrogates included), raw bytes. */
const body = fc.oneof(
  fc.json().map((text) => Buffer.from(text)),
  fc
    .array(
      fc.oneof(
        fc.constantFrom('{', '}', '[', ']', '"', ',', ':', '\\'),
        fc.integer({ min: 0xd700, max: 0xe000 }).map((n) => `\\u${n.toString(16)}`),
        fc.string(),
      ),
      { maxLength: 40 },
    )
    .map((parts) => Buffer.from(`{"externalRef":"f","name":"${parts.join('')}","country":"GB"}`)),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=UTF-16',
  'application/json; charset=latin1',
  'application/json;charset="utf8"',
);

describe('fuzzed request bodies', () => {
  it('never get a 5xx, and every refusal is the error envelope, with or without a key', async () => {
    let key = 0;
    await fc.assert(
      fc.asyncProperty(body, contentType, fc.boolean(), async (raw, type, keyed) => {
        const response = await call(mock.url, 'POST', '/v1/clients', {
          token: mock.personas.sandbox.apiKey,
          rawBody: raw,
          headers: { 'content-type': type },
          ...(keyed ? { idempotencyKey: `fuzz-${++key}` } : {}),
        });
        expect(response.status, response.text).toBeLessThan(500);
        if (response.status >= 400) expect(ErrorEnvelope.safeParse(response.json).success, response.text).toBe(true);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
