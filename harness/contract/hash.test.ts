import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeContractHash } from './hash.js';

describe('computeContractHash', () => {
  it('hashes the RFC 8785 canonical form (known answer)', () => {
    // JCS sorts keys by UTF-16 code units and writes numbers in their shortest ES form.
    const canonical = '{"a":[1,"x",true,null],"b":1e+21,"c":{"d":0.5}}';
    const expected = createHash('sha256').update(canonical).digest('hex').slice(0, 16);
    expect(computeContractHash({ c: { d: 0.5 }, b: 1e21, a: [1, 'x', true, null] })).toBe(expected);
    expect(expected).toBe('b46c52bc073a4624');
  });

  it('ignores key order and whitespace but not content', () => {
    const one = JSON.parse('{ "openapi": "3.1.0", "info": { "title": "x", "version": "1" } }');
    const two = JSON.parse('{"info":{"version":"1","title":"x"},"openapi":"3.1.0"}');
    expect(computeContractHash(one)).toBe(computeContractHash(two));
    expect(computeContractHash({ ...two, openapi: '3.1.1' })).not.toBe(computeContractHash(two));
  });

  it('is 16 lowercase hex characters', () => {
    expect(computeContractHash({})).toMatch(/^[0-9a-f]{16}$/);
  });
});
