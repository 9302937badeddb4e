import { createHmac, randomFillSync } from 'node:crypto';

/** RFC 4648 base32 alphabet in lowercase: every id and key character matches `[0-9a-z]`. */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const POOL_SIZE = 4096;
const pool = Buffer.allocUnsafe(POOL_SIZE);
let poolOffset = POOL_SIZE;

/** The characters of an id, written here and read back as one flat string. */
let scratch = Buffer.allocUnsafe(64);
const CODES = Buffer.from(ALPHABET, 'latin1');

/**
 * Writes `prefix` and `length` random base32 characters into the scratch buffer and reads them back as
 * one string. Appending characters one by one would leave a chain of rope nodes behind every id (about
 * 280 bytes of heap per kept id); a string read from a buffer is a single flat string.
 */
function drawn(prefix: string, length: number): string {
  const size = prefix.length + length;
  if (scratch.length < size) scratch = Buffer.allocUnsafe(size * 2);
  if (poolOffset + length > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  scratch.write(prefix, 0, 'latin1');
  // 256 is a multiple of 32, so masking a uniform byte keeps the character uniform.
  for (let index = 0; index < length; index++)
    scratch[prefix.length + index] = CODES[(pool[poolOffset + index] ?? 0) & 31] ?? 0;
  poolOffset += length;
  return scratch.toString('latin1', 0, size);
}

/** Random lowercase base32 characters, drawn from a refilled pool so the hot path makes no syscall. */
export function randomBase32(length: number): string {
  return drawn('', length);
}

/** A new id in the contract's shape: `<prefix>_` + 20 lowercase base32 characters. */
export const newId = (prefix: string): string => drawn(`${prefix}_`, 20);

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
