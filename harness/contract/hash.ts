import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { CONTRACT_PIN, SHIPPED_OPENAPI_SHA256 } from './pin.js';

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

/**
 * The contract hash of an OpenAPI file's bytes. The document shipped with the harness is known by its
 * SHA-256 (its bytes hash to the pin), so a run pinned to it skips the canonical form (~14 ms); any
 * other file, or a copy whose bytes changed at all, is parsed and canonicalised. Throws on bytes that
 * are not JSON.
 */
export function contractHashOfFile(bytes: Buffer): { sha256: string; contractHash: string } {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 === SHIPPED_OPENAPI_SHA256) return { sha256, contractHash: CONTRACT_PIN.hash };
  return { sha256, contractHash: computeContractHash(JSON.parse(bytes.toString('utf8'))) };
}
