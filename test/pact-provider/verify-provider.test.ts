import { describe, expect, it } from 'vitest';
import { CONTRACT_PIN } from '../../harness/contract/index.js';
import {
  CONSUMER_INTERACTIONS,
  type ContractHashMismatchError,
  isContractHashMismatchError,
  isPactVerificationError,
  type PactVerificationError,
} from '../../harness/pact/index.js';
import { startReferenceMock } from '../../harness/reference-mock/index.js';
import { PACT_DIR } from '../pact/pact-dir.js';
import { verifyProviderCaptured as verifyProvider } from './support/captured-verification.js';

const pacts = { kind: 'dir', dir: PACT_DIR } as const;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the verification to fail, but it passed.');
}

describe('verifyProvider with the pacts the consumer tests wrote', () => {
  it('passes against the embedded reference mock', async () => {
    const result = await verifyProvider({ pacts });
    expect(result.providerContractHash).toBe(CONTRACT_PIN.hash);
    expect(result.pacts).toEqual([
      expect.objectContaining({ contractHash: CONTRACT_PIN.hash, interactions: CONSUMER_INTERACTIONS.length }),
    ]);
  });

  it('fails when the provider stops sending X-Request-Id', async () => {
    const error = (await rejection(
      verifyProvider({
        pacts,
        provider: { kind: 'embedded-mock', mockOptions: { deviations: { dropResponseHeaders: ['X-Request-Id'] } } },
      }),
    )) as PactVerificationError;
    expect(isPactVerificationError(error)).toBe(true);
    expect(error.failures.length).toBe(CONSUMER_INTERACTIONS.length);
    expect(error.failures.every((failure) => failure.mismatches.some((text) => text.includes("'X-Request-Id'")))).toBe(
      true,
    );
  });

  it('fails, on that interaction only, when the partner organization loses its contract field', async () => {
    const error = (await rejection(
      verifyProvider({
        pacts,
        provider: {
          kind: 'embedded-mock',
          mockOptions: { deviations: { dropBodyFields: { getPartnerOrganization: ['contract'] } } },
        },
      }),
    )) as PactVerificationError;
    expect(isPactVerificationError(error)).toBe(true);
    expect(error.failures.map((failure) => failure.interaction)).toEqual([
      expect.stringContaining('a request for the partner organization of the credential'),
    ]);
    expect(error.failures[0]?.mismatches.join(' ')).toContain('contract');
  });

  it('refuses a provider serving another contract hash before replaying anything, naming both hashes', async () => {
    await using mock = await startReferenceMock({ contractHash: '0123456789abcdef' });
    const error = (await rejection(
      verifyProvider({ pacts, provider: { kind: 'reference-mock', baseUrl: mock.url } }),
    )) as ContractHashMismatchError;
    expect(isContractHashMismatchError(error)).toBe(true);
    expect(error.code).toBe('DC_ERR_CONTRACT_HASH_MISMATCH');
    expect(error.message).toContain(CONTRACT_PIN.hash);
    expect(error.message).toContain('0123456789abcdef');
    // The only request the mock saw is the hash check itself.
    expect((await mock.control.journal()).map((entry) => `${entry.method} ${entry.path}`)).toEqual(['GET /health']);
  });
});
