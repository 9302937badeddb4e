import { createHmac, timingSafeEqual } from 'node:crypto';

export type RawBody = string | Uint8Array;

/** HMAC-SHA256 of `prefix` followed by the raw body bytes, without re-encoding the body. */
export function hmacSha256(key: string | Uint8Array, prefix: string, rawBody: RawBody): Buffer {
  const hmac = createHmac('sha256', key);
  hmac.update(prefix, 'utf8');
  hmac.update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody);
  return hmac.digest();
}

/** Constant-time comparison of an expected digest with a candidate in the given encoding. */
export function digestEquals(expected: Buffer, candidate: string, encoding: 'hex' | 'base64'): boolean {
  const pattern = encoding === 'hex' ? /^[0-9a-fA-F]+$/ : /^[A-Za-z0-9+/]+={0,2}$/;
  if (!pattern.test(candidate)) return false;
  const actual = Buffer.from(candidate, encoding);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export const toArray = <T>(value: T | readonly T[]): readonly T[] => (Array.isArray(value) ? value : [value as T]);
