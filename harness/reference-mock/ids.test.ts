import { describe, expect, it } from 'vitest';
import { createIdSequence, derivedBase32, newId, randomBase32 } from './ids.js';

describe('ids', () => {
  it('makes contract-shaped ids: prefix_ + 20 lowercase base32 characters', () => {
    expect(newId('clm')).toMatch(/^clm_[a-z2-7]{20}$/);
    expect(randomBase32(33)).toMatch(/^[a-z2-7]{33}$/);
    expect(randomBase32(200)).toMatch(/^[a-z2-7]{200}$/);
    expect(newId('clm')).toMatch(/^clm_[a-z2-7]{20}$/); // after the longer draw grew the buffer
  });

  it('does not repeat across many draws (the pool refills)', () => {
    const ids = new Set(Array.from({ length: 5000 }, () => newId('req')));
    expect(ids.size).toBe(5000);
  });

  it('derives the same characters from the same seed and label, and others otherwise', () => {
    expect(derivedBase32('seed', 'a', 40)).toBe(derivedBase32('seed', 'a', 40));
    expect(derivedBase32('seed', 'a', 40)).toHaveLength(40);
    expect(derivedBase32('seed', 'a', 20)).not.toBe(derivedBase32('seed', 'b', 20));
    expect(derivedBase32('other', 'a', 20)).not.toBe(derivedBase32('seed', 'a', 20));
  });

  it('sequences ids cheaply, unique and in the same 20-character shape', () => {
    const next = createIdSequence('req');
    const ids = Array.from({ length: 1000 }, next);
    expect(new Set(ids).size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^req_[0-9a-z]{20}$/);
  });
});
