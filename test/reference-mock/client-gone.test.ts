import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type StartedReferenceMock, startReferenceMock } from '../../harness/reference-mock/index.js';
import { clientBody } from './support/http.js';
import { openRaw, requestHead } from './support/raw-http.js';

let mock: StartedReferenceMock;
beforeEach(async () => {
  mock = await startReferenceMock({ seed: 'client-gone' });
});
afterEach(() => mock.close());

const body = JSON.stringify(clientBody('gone-1'));
const head = (length: number, headers: Record<string, string> = {}) =>
  requestHead('POST', '/v1/clients', {
    authorization: `Bearer ${mock.personas.sandbox.apiKey}`,
    'content-type': 'application/json',
    'content-length': String(length),
    // Node answers 100 Continue right before it runs the mock's handler: a signal that the request is in.
    expect: '100-continue',
    ...headers,
  });

/** Waits until the journal shows the request with `idempotencyKey` ended without a response. */
const journaledAsGone = (idempotencyKey: string | null) =>
  expect
    .poll(
      async () =>
        (await mock.control.journal()).filter((e) => e.idempotencyKey === idempotencyKey && e.status === null).length,
      { timeout: 10_000 },
    )
    .toBe(1);

describe('a client that leaves mid-request', () => {
  it('does not block its Idempotency-Key when it leaves while waiting for the key', async () => {
    const key = { 'idempotency-key': 'k-gone' };
    // A reserves the key and is still sending its body.
    await using a = await openRaw(mock.port);
    a.write(head(10, key));
    await a.waitFor(/100 Continue/);
    a.write('{');
    // B sends the same key, waits behind A, and gives up.
    await using b = await openRaw(mock.port);
    b.write(head(body.length, key));
    await b.waitFor(/100 Continue/);
    b.write(body);
    b.destroy();
    await journaledAsGone('k-gone');
    // A fails (malformed JSON), which frees the key.
    a.write('xxxxxxxxx');
    expect(await a.waitFor(/HTTP\/1\.1 [2-5]\d\d /)).toMatch(/HTTP\/1\.1 400 /);
    // C, with the same key and a valid body, executes.
    await using c = await openRaw(mock.port);
    c.write(head(body.length, key) + body);
    expect(await c.waitFor(/HTTP\/1\.1 [2-5]\d\d /)).toMatch(/HTTP\/1\.1 201 /);
    expect(await c.waitFor(/idempotent-replayed: \w+/i)).toMatch(/idempotent-replayed: false/i);
  });

  it('journals a request whose client left during a delay fault at once, and the key stays usable', async () => {
    // A delay far longer than the journal poll: the request is journaled as gone only if the mock stops
    // waiting when its client leaves (a short delay raced the close on a busy machine and let it run).
    await mock.control.injectFault({
      kind: 'delay',
      count: 2,
      delayMs: 60_000,
      match: { operationId: 'createClient' },
    });
    for (const key of [null, 'k-delay']) {
      await using gone = await openRaw(mock.port);
      gone.write(head(body.length, key === null ? {} : { 'idempotency-key': key }));
      await gone.waitFor(/100 Continue/);
      gone.write(body);
      gone.destroy();
      await journaledAsGone(key);
    }
    await using c = await openRaw(mock.port);
    c.write(head(body.length, { 'idempotency-key': 'k-delay' }) + body);
    expect(await c.waitFor(/HTTP\/1\.1 [2-5]\d\d /)).toMatch(/HTTP\/1\.1 201 /);
  });
});
