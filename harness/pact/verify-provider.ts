import { Verifier, type VerifierOptions } from '@pact-foundation/pact';
import { createReferenceMockControl } from '../reference-mock/control-client.js';
import { startReferenceMock } from '../reference-mock/start.js';
import { assertPactContractHashes, fetchProviderIdentity } from './contract-hash-check.js';
import { PactConfigurationError, PactVerificationError } from './errors.js';
import { createForwardingStateSetup } from './forwarding-state-handlers.js';
import { createReferenceMockStateSetup, referenceMockCredentials } from './mock-state-handlers.js';
import { PACT_PROVIDER_NAME, PactEnv } from './names.js';
import { DEFAULT_CONSUMER_VERSION_SELECTORS, type LoadedPact, listPactFiles, loadPacts } from './pact-sources.js';
import { PACT_PLACEHOLDERS } from './placeholders.js';
import { createCredentialRequestFilter, type ProviderCredentials } from './request-filter.js';
import { guardStateHandlers, type ProviderStateSetup } from './state-handlers.js';
import { optOutOfPactTelemetry } from './telemetry.js';
import { readVerifierFailure } from './verifier-report.js';
import {
  type ResolvedVerifyProviderOptions,
  resolveVerifyProviderOptions,
  type VerifyProviderOptions,
} from './verify-options.js';
import { startWebhookSink } from './webhook-sink.js';

/** What a passed verification checked. */
export interface ProviderVerificationResult {
  readonly providerBaseUrl: string;
  readonly providerContractHash: string;
  readonly pacts: readonly Pick<LoadedPact, 'location' | 'consumer' | 'contractHash' | 'interactions'>[];
}

type Cleanup = () => Promise<void>;

/** Refuses, before any replay, pacts that need a credential the verification was not given. */
function assertCredentialsCover(pacts: readonly LoadedPact[], credentials: ProviderCredentials): void {
  const needs = (placeholder: string) => pacts.some((pact) => pact.text.includes(placeholder));
  if (needs(PACT_PLACEHOLDERS.readOnlyApiKey) && credentials.readOnlyApiKey === undefined)
    throw new PactConfigurationError(
      PactEnv.readOnlyApiKey,
      `The pacts include an insufficient-scope interaction: set ${PactEnv.readOnlyApiKey} to a read-only API key of the same partner organization.`,
    );
  if (needs(PACT_PLACEHOLDERS.oauthClientId) && credentials.oauthClient === undefined)
    throw new PactConfigurationError(
      PactEnv.oauthClientId,
      `The pacts include an OAuth token exchange: set ${PactEnv.oauthClientId} and ${PactEnv.oauthClientSecret} to a sandbox OAuth client.`,
    );
}

function pactSourceOptions(options: ResolvedVerifyProviderOptions, files: readonly string[]): Partial<VerifierOptions> {
  const { pacts, publish } = options;
  if (pacts.kind !== 'broker') return { pactUrls: [...files] };
  const token = pacts.token ?? options.env[PactEnv.brokerToken];
  return {
    pactBrokerUrl: pacts.url,
    ...(token ? { pactBrokerToken: token } : {}),
    consumerVersionSelectors: (pacts.consumerVersionSelectors ?? DEFAULT_CONSUMER_VERSION_SELECTORS).map(
      (selector) => ({ ...selector }),
    ),
    enablePending: pacts.enablePending ?? false,
    ...(pacts.includeWipPactsSince ? { includeWipPactsSince: pacts.includeWipPactsSince } : {}),
    ...(publish
      ? {
          publishVerificationResult: true,
          providerVersion: publish.providerVersion,
          ...(publish.providerVersionBranch ? { providerVersionBranch: publish.providerVersionBranch } : {}),
          ...(publish.buildUrl ? { buildUrl: publish.buildUrl } : {}),
        }
      : pacts.providerVersionBranch
        ? { providerVersionBranch: pacts.providerVersionBranch }
        : {}),
  };
}

/**
 * Verifies the DutyClaims pacts with Pact's own verifier against a provider (default: the embedded
 * reference mock). First checks that every pact was written against the contract the provider
 * serves, and throws ContractHashMismatchError naming both hashes before anything is replayed.
 * Rejects with PactVerificationError when the provider does not answer as the pacts require.
 * @example
 * await verifyProvider({ provider: { kind: 'provider', baseUrl, credentials, stateChangeUrl } });
 */
export async function verifyProvider(options: VerifyProviderOptions = {}): Promise<ProviderVerificationResult> {
  const resolved = resolveVerifyProviderOptions(options);
  optOutOfPactTelemetry();
  const pacts = await loadPacts(resolved.pacts, resolved.env);
  if (pacts.length === 0)
    throw new PactConfigurationError(
      'pacts',
      `No pacts with ${PACT_PROVIDER_NAME} were found to verify. Check the pact source and consumer version selectors.`,
    );
  const files =
    resolved.pacts.kind === 'dir'
      ? await listPactFiles(resolved.pacts.dir)
      : resolved.pacts.kind === 'urls'
        ? [...resolved.pacts.urls]
        : [];
  const cleanups: Cleanup[] = [];
  try {
    const { provider } = resolved;
    let baseUrl: string;
    let mockUrl: string | null = null;
    if (provider.kind === 'embedded-mock') {
      const mock = await startReferenceMock(provider.mockOptions);
      cleanups.push(() => mock.close());
      baseUrl = mock.url;
      mockUrl = mock.url;
    } else {
      baseUrl = provider.baseUrl.replace(/\/+$/, '');
      if (provider.kind === 'reference-mock') mockUrl = baseUrl;
    }

    const identity = await fetchProviderIdentity(baseUrl, resolved.timeoutMs);
    assertPactContractHashes(pacts, identity.contractHash, { allowMissing: resolved.allowMissingContractHash });

    let credentials: ProviderCredentials;
    let states: ProviderStateSetup = { stateHandlers: {} };
    if (mockUrl !== null) {
      const control = createReferenceMockControl(mockUrl);
      cleanups.push(() => control.close());
      const environment = identity.environment === 'production' ? 'production' : 'sandbox';
      const personas = await control.personas();
      const sink = await startWebhookSink();
      cleanups.push(() => sink.close());
      const setup = createReferenceMockStateSetup({ baseUrl, control, personas, environment, webhookUrl: sink.url });
      cleanups.push(async () => await setup[Symbol.asyncDispose]());
      credentials = referenceMockCredentials(personas, environment);
      states = setup;
    } else if (provider.kind === 'provider') {
      credentials = provider.credentials;
      if (provider.stateSetup) states = provider.stateSetup;
      else if (provider.stateChangeUrl) {
        const forwarding = createForwardingStateSetup(
          provider.stateChangeUrl,
          new Set(pacts.flatMap((pact) => pact.states)),
          { timeoutMs: resolved.timeoutMs },
        );
        cleanups.push(async () => await forwarding[Symbol.asyncDispose]());
        states = forwarding;
      }
    } else throw new PactConfigurationError('provider', 'Unknown provider kind.');
    assertCredentialsCover(pacts, credentials);

    const stateErrors: string[] = [];
    const verifierOptions: VerifierOptions = {
      provider: PACT_PROVIDER_NAME,
      providerBaseUrl: baseUrl,
      logLevel: resolved.logLevel,
      timeout: resolved.timeoutMs,
      failIfNoPactsFound: true,
      requestFilter: createCredentialRequestFilter(credentials) as NonNullable<VerifierOptions['requestFilter']>,
      stateHandlers: guardStateHandlers(states.stateHandlers, (state, action, error) =>
        stateErrors.push(`${action} of "${state}" failed: ${(error as Error).message}`),
      ) as NonNullable<VerifierOptions['stateHandlers']>,
      ...(states.beforeEach ? { beforeEach: states.beforeEach } : {}),
      ...pactSourceOptions(resolved, files),
    };
    try {
      await new Verifier(verifierOptions).verifyProvider();
    } catch (cause) {
      const { summary, failures } = readVerifierFailure(cause);
      const detail = stateErrors.length === 0 ? summary : `${summary}. Provider state ${stateErrors.join('; ')}`;
      throw new PactVerificationError({ providerBaseUrl: baseUrl, pacts: files, detail, failures }, { cause });
    }
    return {
      providerBaseUrl: baseUrl,
      providerContractHash: identity.contractHash,
      pacts: pacts.map(({ location, consumer, contractHash, interactions }) => ({
        location,
        consumer,
        contractHash,
        interactions,
      })),
    };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}
