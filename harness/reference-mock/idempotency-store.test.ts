import { describe, expect, it } from 'vitest';
import { createIdempotencyStore, type StoredResponse } from './idempotency-store.js';

const response = (body: string): StoredResponse => ({ status: 201, headers: {}, body });

describe('idempotency store', () => {
  it('executes the first request and replays the stored response for the same fingerprint', async () => {
    const store = createIdempotencyStore(() => 0);
    const first = await store.begin('org\nop\nk', 'fp');
    expect(first.kind).toBe('execute');
    if (first.kind === 'execute') first.complete(response('one'));
    const again = await store.begin('org\nop\nk', 'fp');
    expect(again).toEqual({ kind: 'replay', response: response('one') });
  });

  it('answers conflict for the same key with another fingerprint, in flight or done', async () => {
    const store = createIdempotencyStore(() => 0);
    const first = await store.begin('k', 'fp1');
    expect((await store.begin('k', 'fp2')).kind).toBe('conflict');
    if (first.kind === 'execute') first.complete(response('x'));
    expect((await store.begin('k', 'fp2')).kind).toBe('conflict');
  });

  it('makes concurrent requests wait for the one in flight, then replay it', async () => {
    const store = createIdempotencyStore(() => 0);
    const first = await store.begin('k', 'fp');
    const waiters = Promise.all([store.begin('k', 'fp'), store.begin('k', 'fp')]);
    if (first.kind === 'execute') setTimeout(() => first.complete(response('only')), 5);
    const decisions = await waiters;
    expect(decisions.map((d) => d.kind)).toEqual(['replay', 'replay']);
  });

  it('frees the key when the first request wrote nothing, so a waiter executes instead', async () => {
    const store = createIdempotencyStore(() => 0);
    const first = await store.begin('k', 'fp');
    const waiter = store.begin('k', 'fp');
    if (first.kind === 'execute') first.complete(null);
    expect((await waiter).kind).toBe('execute');
  });

  it('forgets keys after the TTL of mock time', async () => {
    let now = 0;
    const store = createIdempotencyStore(() => now, 1000);
    const first = await store.begin('k', 'fp');
    if (first.kind === 'execute') first.complete(response('old'));
    now = 999;
    expect((await store.begin('k', 'other')).kind).toBe('conflict');
    now = 1000;
    expect((await store.begin('k', 'other')).kind).toBe('execute');
  });
});
