import { describe, expect, it } from 'vitest';
import { createIdempotencyStore, type StoredResponse } from './idempotency-store.js';

const response = (body: string): StoredResponse => ({ status: 201, headers: {}, body });

describe('idempotency store', () => {
  it('gives the first request ownership, then the stored response with its fingerprint', async () => {
    const store = createIdempotencyStore(() => 0);
    const first = await store.reserve('org\nop\nk');
    expect(first.kind).toBe('owner');
    if (first.kind === 'owner') first.complete('fp', response('one'));
    expect(await store.reserve('org\nop\nk')).toEqual({ kind: 'stored', fingerprint: 'fp', response: response('one') });
  });

  it('makes concurrent requests wait until the one in flight completes', async () => {
    const store = createIdempotencyStore(() => 0);
    const first = await store.reserve('k');
    let waited = false;
    const waiters = Promise.all([store.reserve('k'), store.reserve('k')]).then((slots) => {
      waited = true;
      return slots;
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(waited).toBe(false);
    if (first.kind === 'owner') first.complete('fp', response('only'));
    expect((await waiters).map((slot) => slot.kind)).toEqual(['stored', 'stored']);
  });

  it('frees the key when the owner wrote nothing, so one waiter at a time becomes the next owner', async () => {
    const store = createIdempotencyStore(() => 0);
    const first = await store.reserve('k');
    const second = store.reserve('k');
    let thirdSettled = false;
    const third = store.reserve('k').then((slot) => {
      thirdSettled = true;
      return slot;
    });
    if (first.kind === 'owner') first.complete('fp', null);
    const next = await second;
    expect(next.kind).toBe('owner');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(thirdSettled).toBe(false);
    if (next.kind === 'owner') next.complete('fp', response('written'));
    expect((await third).kind).toBe('stored');
  });

  it('stops a waiter whose client left, without giving it the key, and serves the next waiter', async () => {
    const store = createIdempotencyStore(() => 0);
    const first = await store.reserve('k');
    const left = new AbortController();
    const gone = store.reserve('k', left.signal);
    const next = store.reserve('k');
    left.abort(new Error('client gone'));
    await expect(gone).rejects.toThrow('client gone');
    if (first.kind === 'owner') first.complete('fp', null);
    const slot = await next;
    expect(slot.kind).toBe('owner');
    if (slot.kind === 'owner') slot.complete('fp', response('by the next waiter'));
    expect(await store.reserve('k')).toMatchObject({ kind: 'stored', response: response('by the next waiter') });
  });

  it('gives nothing to a request whose client already left, even for a free key', async () => {
    const store = createIdempotencyStore(() => 0);
    await expect(store.reserve('k', AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
    expect(store.size).toBe(0);
  });

  it('keeps keys independent', async () => {
    const store = createIdempotencyStore(() => 0);
    await store.reserve('a');
    expect((await store.reserve('b')).kind).toBe('owner');
  });

  it('forgets keys after the TTL of mock time', async () => {
    let now = 0;
    const store = createIdempotencyStore(() => now, 1000);
    const first = await store.reserve('k');
    if (first.kind === 'owner') first.complete('fp', response('old'));
    now = 999;
    expect((await store.reserve('k')).kind).toBe('stored');
    now = 1000;
    expect((await store.reserve('k')).kind).toBe('owner');
  });

  it('keeps at most maxEntries completed keys, forgetting the oldest and never one in flight', async () => {
    const store = createIdempotencyStore(() => 0, 1000, 2);
    const inFlight = await store.reserve('busy');
    for (const key of ['a', 'b', 'c']) {
      const slot = await store.reserve(key);
      if (slot.kind === 'owner') slot.complete('fp', response(key));
    }
    expect(store.size).toBeLessThanOrEqual(3);
    expect((await store.reserve('a')).kind).toBe('owner'); // forgotten
    expect(inFlight.kind).toBe('owner');
    let waited = false;
    const second = store.reserve('busy').then((slot) => {
      waited = true;
      return slot;
    });
    await Promise.resolve();
    expect(waited).toBe(false); // still in flight, still held
    if (inFlight.kind === 'owner') inFlight.complete('fp', response('busy'));
    expect((await second).kind).toBe('stored');
  });
});
