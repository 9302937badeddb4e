import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeContractHash, contractHashOfFile } from './hash.js';
import { openApiPath } from './package-root.js';
import { CONTRACT_PIN, SHIPPED_OPENAPI_SHA256 } from './pin.js';

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

describe('contractHashOfFile', () => {
  const shipped = readFileSync(openApiPath());

  it('knows the shipped document by its bytes, and those bytes do hash to the pin', () => {
    expect(createHash('sha256').update(shipped).digest('hex')).toBe(SHIPPED_OPENAPI_SHA256);
    expect(contractHashOfFile(shipped)).toEqual({ sha256: SHIPPED_OPENAPI_SHA256, contractHash: CONTRACT_PIN.hash });
    expect(computeContractHash(JSON.parse(shipped.toString('utf8')))).toBe(CONTRACT_PIN.hash);
  });

  it('canonicalises any other bytes: reformatted, the same contract; changed, another', () => {
    const document = JSON.parse(shipped.toString('utf8')) as { info: { title: string } };
    const reformatted = contractHashOfFile(Buffer.from(JSON.stringify(document)));
    expect(reformatted.sha256).not.toBe(SHIPPED_OPENAPI_SHA256);
    expect(reformatted.contractHash).toBe(CONTRACT_PIN.hash);
    const changed = contractHashOfFile(
      Buffer.from(JSON.stringify({ ...document, info: { ...document.info, title: 'x' } })),
    );
    expect(changed.contractHash).not.toBe(CONTRACT_PIN.hash);
    expect(changed.contractHash).toBe(computeContractHash({ ...document, info: { ...document.info, title: 'x' } }));
  });

  it('refuses bytes that are not JSON', () => {
    expect(() => contractHashOfFile(Buffer.from('{ not json'))).toThrow(SyntaxError);
  });
});
