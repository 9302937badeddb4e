import { describe, expect, it } from 'vitest';
import { createHttpTestServer } from '../../test/support/create-http-test-server.js';
import { assertPactContractHashes, fetchProviderIdentity } from './contract-hash-check.js';
import { type ContractHashMismatchError, isContractHashMismatchError, isPactConfigurationError } from './errors.js';
import type { LoadedPact } from './pact-sources.js';

const pact = (location: string, contractHash: string | null): LoadedPact => ({
  location,
  consumer: 'acme-erp',
  contractHash,
  states: [],
  interactions: 1,
  text: '{}',
});

function thrown(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('assertPactContractHashes', () => {
  it('passes pacts written against the provider contract', () => {
    expect(() => assertPactContractHashes([pact('a.json', '4d430a74e95b56a1')], '4d430a74e95b56a1')).not.toThrow();
  });

  it('names the pact and both hashes when one differs', () => {
    const error = thrown(() =>
      assertPactContractHashes(
        [pact('a.json', '4d430a74e95b56a1'), pact('b.json', '1111111111111111')],
        '4d430a74e95b56a1',
      ),
    ) as ContractHashMismatchError;
    expect(isContractHashMismatchError(error)).toBe(true);
    expect(error).toMatchObject({
      pact: 'b.json',
      pactContractHash: '1111111111111111',
      providerContractHash: '4d430a74e95b56a1',
    });
    expect(error.message).toMatch(
      /b\.json was written against contract 1111111111111111, but the provider serves contract 4d430a74e95b56a1/,
    );
  });

  it('refuses a pact without the hash unless missing hashes are allowed', () => {
    const error = thrown(() => assertPactContractHashes([pact('old.json', null)], '4d430a74e95b56a1'));
    expect(isContractHashMismatchError(error) && error.message).toContain('--allow-missing-contract-hash');
    expect(() =>
      assertPactContractHashes([pact('old.json', null)], '4d430a74e95b56a1', { allowMissing: true }),
    ).not.toThrow();
  });
});

describe('fetchProviderIdentity', () => {
  it('reads the contract hash and environment from GET /health', async () => {
    await using server = await createHttpTestServer((_req, res) => {
      res
        .writeHead(200, { 'DutyClaims-Contract-Hash': 'abcdefabcdefabcd', 'DutyClaims-Environment': 'production' })
        .end('{}');
    });
    expect(await fetchProviderIdentity(`${server.url}/`)).toEqual({
      contractHash: 'abcdefabcdefabcd',
      environment: 'production',
    });
    expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual(['GET /health']);
  });

  it('says the URL is probably not the DutyClaims API when the header is missing', async () => {
    await using server = await createHttpTestServer((_req, res) => void res.writeHead(200).end('ok'));
    const error = await fetchProviderIdentity(server.url).catch((caught: unknown) => caught);
    expect(isPactConfigurationError(error) && error.message).toContain('without a DutyClaims-Contract-Hash header');
  });
});
