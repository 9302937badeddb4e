import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * The contract hash: the first 16 hex characters of SHA-256 over the RFC 8785 (JCS) canonical JSON
 * of the OpenAPI document. Formatting and key order of the file do not change it; content does.
 */
export function computeContractHash(document: unknown): string {
  const canonical = canonicalize(document);
  if (canonical === undefined)
    throw new TypeError('The contract document cannot be canonicalised (it is undefined or a function).');
  return createHash('sha256').update(canonical, 'utf8').digest('hex').slice(0, 16);
}
