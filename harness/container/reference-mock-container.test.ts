import { describe, expect, it } from 'vitest';
import { ReferenceMockContainer } from './reference-mock-container.js';

// Starting needs a Docker engine: test/container/ covers that. These need none.
describe('ReferenceMockContainer', () => {
  it('refuses a port that is not a TCP port, saying what to give instead', () => {
    expect(() => new ReferenceMockContainer().withPort(70_000)).toThrow(/between 1 and 65535, or 0/);
    expect(() => new ReferenceMockContainer().withPort(1.5)).toThrow(RangeError);
  });

  it('chains its settings like any testcontainers module', () => {
    const container = new ReferenceMockContainer('img:test');
    expect(container.withSeed('s').withMockEnvironment('production').withPort(0)).toBe(container);
  });
});
