import { createHmac, randomFillSync } from 'node:crypto';

/** RFC 4648 base32 alphabet in lowercase: every id and key character matches `[0-9a-z]`. */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const POOL_SIZE = 4096;
const pool = Buffer.allocUnsafe(POOL_SIZE);
let poolOffset = POOL_SIZE;

/** Random lowercase base32 characters, drawn from a refilled pool so the hot path makes no syscall. */
export function randomBase32(length: number): string {
  if (poolOffset + length > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  let out = '';
  // 256 is a multiple of 32, so masking a uniform byte keeps the character uniform.
  for (let index = 0; index < length; index++) out += ALPHABET.charAt((pool[poolOffset + index] ?? 0) & 31);
  poolOffset += length;
  return out;
}

/** A new id in the contract's shape: `<prefix>_` + 20 lowercase base32 characters. */
export const newId = (prefix: string): string => `${prefix}_${randomBase32(20)}`;

/** Deterministic lowercase base32 derived from `seed` and `label` with HMAC-SHA256 (same input, same output). */
export function derivedBase32(seed: string, label: string, length: number): string {
  let out = '';
  for (let block = 0; out.length < length; block++) {
    const digest = createHmac('sha256', seed).update(`${label}#${block}`).digest();
    for (const byte of digest) out += ALPHABET.charAt(byte & 31);
  }
  return out.slice(0, length);
}

/**
 * A cheap id generator for per-request ids: `<prefix>_` + 10 random characters fixed per generator
 * + a 10-character base32 counter. Unique per generator, 20 characters like every other id.
 */
export function createIdSequence(prefix: string): () => string {
  const head = `${prefix}_${randomBase32(10)}`;
  let counter = 0;
  return () => head + (counter++).toString(32).padStart(10, '0');
}
