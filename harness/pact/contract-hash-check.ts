import { Headers } from '../contract/headers.js';
import { Agent, request } from '../http/undici.js';
import { ContractHashMismatchError, PactConfigurationError } from './errors.js';
import type { LoadedPact } from './pact-sources.js';

/** What `GET /health` of the provider says about itself. */
export interface ProviderIdentity {
  readonly contractHash: string;
  /** `DutyClaims-Environment`, when sent. */
  readonly environment: string | null;
}

const first = (value: string | string[] | undefined): string | null =>
  (Array.isArray(value) ? value[0] : value)?.trim() || null;

/** Reads the contract hash the provider publishes in the `DutyClaims-Contract-Hash` header of `GET /health`. */
export async function fetchProviderIdentity(providerBaseUrl: string, timeoutMs = 10_000): Promise<ProviderIdentity> {
  const url = `${providerBaseUrl.replace(/\/+$/, '')}/health`;
  const agent = new Agent({ connect: { timeout: timeoutMs }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  try {
    const response = await request(url, { method: 'GET', dispatcher: agent });
    await response.body.dump();
    const contractHash = first(response.headers[Headers.contractHash.toLowerCase()]);
    if (contractHash === null)
      throw new PactConfigurationError(
        'providerBaseUrl',
        `GET ${url} answered ${response.statusCode} without a ${Headers.contractHash} header, so the pacts cannot be checked against the provider's contract. Check that the URL points at the DutyClaims API.`,
      );
    return { contractHash, environment: first(response.headers[Headers.environment.toLowerCase()]) };
  } catch (cause) {
    if (cause instanceof PactConfigurationError) throw cause;
    throw new PactConfigurationError(
      'providerBaseUrl',
      `Could not reach ${url} (${(cause as Error).message}). Start the provider or fix --provider-base-url.`,
      { cause },
    );
  } finally {
    await agent.close();
  }
}

/**
 * Throws ContractHashMismatchError, naming both hashes, for the first pact written against another
 * contract than the provider's (or carrying none, unless `allowMissing`). Runs before any replay.
 */
export function assertPactContractHashes(
  pacts: readonly LoadedPact[],
  providerContractHash: string,
  options: { readonly allowMissing?: boolean } = {},
): void {
  for (const pact of pacts) {
    if (pact.contractHash === null && options.allowMissing) continue;
    if (pact.contractHash !== providerContractHash)
      throw new ContractHashMismatchError({
        pact: pact.location,
        pactContractHash: pact.contractHash,
        providerContractHash,
      });
  }
}
