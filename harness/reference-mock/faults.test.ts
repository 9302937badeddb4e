import { describe, expect, it } from 'vitest';
import { createFaultBook, type FaultTarget } from './faults.js';

const target = (over: Partial<FaultTarget> = {}): FaultTarget => ({
  method: 'GET',
  path: '/v1/claims/clm_1/status',
  operationId: 'getClaimStatus',
  template: '/v1/claims/{claimId}/status',
  ...over,
});

describe('fault book', () => {
  it('applies a fault to the next `count` matching requests only', () => {
    const book = createFaultBook();
    book.add({ kind: 'status', status: 503, count: 2, match: { operationId: 'getClaimStatus' } });
    expect(book.takeForRequest(target({ operationId: 'health', path: '/health', template: '/health' }))).toBeNull();
    expect(book.takeForRequest(target())?.status).toBe(503);
    expect(book.takeForRequest(target())?.status).toBe(503);
    expect(book.takeForRequest(target())).toBeNull();
  });

  it('matches a path by concrete value or route template, and methods in any case', () => {
    const book = createFaultBook();
    book.add({ kind: 'drop', match: { path: '/v1/claims/{claimId}/status', method: 'get' } });
    book.add({ kind: 'hang', match: { path: '/v1/claims/clm_1/status' } });
    expect(book.takeForRequest(target())?.kind).toBe('drop');
    expect(book.takeForRequest(target())?.kind).toBe('hang');
  });

  it('keeps duplicate_delivery apart from request faults', () => {
    const book = createFaultBook();
    book.add({ kind: 'duplicate_delivery', count: 1 });
    expect(book.takeForRequest(target())).toBeNull();
    expect(book.takeDuplicateDelivery()).toBe(true);
    expect(book.takeDuplicateDelivery()).toBe(false);
  });

  it('lists what is left and clears', () => {
    const book = createFaultBook();
    const added = book.add({ kind: 'rate_limit', count: 3, retryAfterSeconds: 2 });
    expect(added).toMatchObject({ kind: 'rate_limit', remaining: 3, retryAfterSeconds: 2 });
    book.takeForRequest(target());
    expect(book.list()[0]?.remaining).toBe(2);
    book.clear();
    expect(book.list()).toEqual([]);
  });
});
