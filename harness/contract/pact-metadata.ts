/** Where pact files record the contract hash they were written against: `metadata.dutyclaims.contractHash`. */
export const PACT_METADATA_NAMESPACE = 'dutyclaims';
export const PACT_METADATA_CONTRACT_HASH = 'contractHash';

/** The contract hash a pact file's metadata records, or null when it records none (or is not JSON). */
export function pactContractHash(text: string): string | null {
  try {
    const metadata = (JSON.parse(text) as { metadata?: Record<string, Record<string, unknown>> }).metadata;
    const value = metadata?.[PACT_METADATA_NAMESPACE]?.[PACT_METADATA_CONTRACT_HASH];
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}
