import type { ReferenceMockOptions } from '../reference-mock/options.js';
import { PactConfigurationError } from './errors.js';
import { PactEnv } from './names.js';
import type { PactSource } from './pact-sources.js';
import type { ProviderCredentials } from './request-filter.js';
import type { ProviderStateSetup } from './state-handlers.js';

/** The provider whose responses are checked against the pacts. */
export type ProviderTarget =
  /** A reference mock started in-process for the verification and closed after it. */
  | { readonly kind: 'embedded-mock'; readonly mockOptions?: ReferenceMockOptions }
  /** A running reference mock (e.g. in a container): states through its control plane, credentials from its personas. */
  | { readonly kind: 'reference-mock'; readonly baseUrl: string }
  /** A real DutyClaims deployment. */
  | {
      readonly kind: 'provider';
      readonly baseUrl: string;
      readonly credentials: ProviderCredentials;
      /** The provider's own endpoint that sets up provider states (`POST {state, params, action}`). */
      readonly stateChangeUrl?: string;
      /** In-process state handlers instead, e.g. when the provider's code runs in the same test. */
      readonly stateSetup?: ProviderStateSetup;
    };

/** Verification results to publish to the broker the pacts came from. */
export interface PublishVerificationResults {
  readonly providerVersion: string;
  readonly providerVersionBranch?: string;
  readonly buildUrl?: string;
}

export type VerifierLogLevel = 'info' | 'warn' | 'error';

/** What a caller passes to `verifyProvider`; everything has a default. */
export interface VerifyProviderOptions {
  /** Default: the embedded reference mock. */
  readonly provider?: ProviderTarget;
  /** Default: the pact files in `$DUTYCLAIMS_PACT_DIR`, else `pacts/`. */
  readonly pacts?: PactSource;
  /** Verify pacts that carry no contract hash instead of refusing them (default false). */
  readonly allowMissingContractHash?: boolean;
  /** Publish the results (broker pacts only). */
  readonly publish?: PublishVerificationResults;
  /**
   * libpact and pact-js log level (default `warn`). `debug` and `trace` are refused: they log
   * request and response bodies, which carry credentials and signing secrets.
   */
  readonly logLevel?: VerifierLogLevel;
  /** Per-request timeout of the replay, in ms (default 10 000). */
  readonly timeoutMs?: number;
  /** Environment to read defaults and the broker token from (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The options a verification runs with. */
export interface ResolvedVerifyProviderOptions {
  readonly provider: ProviderTarget;
  readonly pacts: PactSource;
  readonly allowMissingContractHash: boolean;
  readonly publish: PublishVerificationResults | null;
  readonly logLevel: VerifierLogLevel;
  readonly timeoutMs: number;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Every default of provider verification. */
export const DEFAULT_VERIFY_PROVIDER_OPTIONS = Object.freeze({
  provider: Object.freeze({ kind: 'embedded-mock' }),
  pactDir: 'pacts',
  allowMissingContractHash: false,
  logLevel: 'warn',
  timeoutMs: 10_000,
} as const);

const LOG_LEVELS: readonly string[] = ['info', 'warn', 'error'];

/** Applies the defaults and checks combinations that cannot work; throws PactConfigurationError. */
export function resolveVerifyProviderOptions(options: VerifyProviderOptions = {}): ResolvedVerifyProviderOptions {
  const env = options.env ?? process.env;
  const defaults = DEFAULT_VERIFY_PROVIDER_OPTIONS;
  const pacts: PactSource = options.pacts ?? {
    kind: 'dir',
    dir: env[PactEnv.pactDir]?.trim() || defaults.pactDir,
  };
  const logLevel = options.logLevel ?? defaults.logLevel;
  if (!LOG_LEVELS.includes(logLevel))
    throw new PactConfigurationError(
      'logLevel',
      `logLevel must be info, warn or error: debug and trace would log credentials and signing secrets from the replayed requests.`,
    );
  if (options.publish !== undefined && pacts.kind !== 'broker')
    throw new PactConfigurationError(
      'publish',
      'Verification results can only be published for pacts fetched from a broker. Pass --broker-url, or drop --publish-verification-results.',
    );
  if (options.publish !== undefined && options.publish.providerVersion.trim() === '')
    throw new PactConfigurationError(
      'providerVersion',
      'Publishing verification results needs --provider-version (e.g. the git SHA).',
    );
  const timeoutMs = options.timeoutMs ?? defaults.timeoutMs;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1)
    throw new PactConfigurationError('timeoutMs', 'timeoutMs must be a positive integer of milliseconds.');
  return Object.freeze({
    provider: options.provider ?? defaults.provider,
    pacts,
    allowMissingContractHash: options.allowMissingContractHash ?? defaults.allowMissingContractHash,
    publish: options.publish ?? null,
    logLevel,
    timeoutMs,
    env,
  });
}
