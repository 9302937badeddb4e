import { createHmac } from 'node:crypto';
import type { RawBody } from '../hmac.js';

/** One piece of a signed message: text (UTF-8) or the raw body bytes, never re-encoded. */
export type MessagePart = string | Uint8Array;

/** HMAC-SHA256 over the concatenation of `parts`; strings are UTF-8, byte parts are used as they are. */
export function hmacParts(key: string | Uint8Array, parts: readonly MessagePart[]): Buffer {
  const hmac = createHmac('sha256', key);
  for (const part of parts) hmac.update(typeof part === 'string' ? Buffer.from(part, 'utf8') : part);
  return hmac.digest();
}

/** The raw body as bytes, so that a string body is signed as its UTF-8 encoding. */
export const bodyBytes = (rawBody: RawBody): Uint8Array =>
  typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;

/** A hex-encoded SHA-256 digest in its one spelling: 64 lowercase hex characters. */
export const HEX_SHA256 = /^[0-9a-f]{64}$/;
