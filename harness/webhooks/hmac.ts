import { createHmac, timingSafeEqual } from 'node:crypto';

export type RawBody = string | Uint8Array;

/** HMAC-SHA256 of `prefix` followed by the raw body bytes, without re-encoding the body. */
export function hmacSha256(key: string | Uint8Array, prefix: string, rawBody: RawBody): Buffer {
  const hmac = createHmac('sha256', key);
  hmac.update(prefix, 'utf8');
  hmac.update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody);
  return hmac.digest();
}

/**
 * Constant-time comparison of an expected digest with a candidate spelled in the given encoding.
 * Only the one canonical spelling matches (lowercase hex of the full length; padded base64 without
 * stray bits): decoding first would let uppercase hex, an extra nibble or unpadded base64 through,
 * and a signature that has several accepted spellings is malleable.
 */
export function digestEquals(expected: Buffer, candidate: string, encoding: 'hex' | 'base64'): boolean {
  const spelled = Buffer.from(expected.toString(encoding), 'latin1');
  const actual = Buffer.from(candidate, 'latin1');
  return actual.length === spelled.length && timingSafeEqual(actual, spelled);
}

export const toArray = <T>(value: T | readonly T[]): readonly T[] => (Array.isArray(value) ? value : [value as T]);
