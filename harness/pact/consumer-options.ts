import { resolve } from 'node:path';
import { PactConfigurationError } from './errors.js';
import { DEFAULT_PACT_CONSUMER_NAME, PactEnv } from './names.js';

export type PactLogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/** What a caller may pass when generating consumer pacts; everything has a default. */
export interface PactConsumerOptions {
  /** The consumer name in the pact; default `$DUTYCLAIMS_PACT_CONSUMER`, else `dutyclaims-launch-harness`. */
  readonly consumer?: string;
  /** Where pact files go; default `$DUTYCLAIMS_PACT_DIR`, else `pacts/` under the working directory. */
  readonly pactDir?: string;
  /** libpact's log level (default `warn`). */
  readonly logLevel?: PactLogLevel;
  /** Environment to read the defaults from (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The options consumer pacts are written with. */
export interface ResolvedPactConsumerOptions {
  readonly consumer: string;
  /** Absolute. */
  readonly pactDir: string;
  readonly logLevel: PactLogLevel;
}

/** Every default of consumer pact generation. */
export const DEFAULT_PACT_CONSUMER_OPTIONS = Object.freeze({
  consumer: DEFAULT_PACT_CONSUMER_NAME,
  pactDir: 'pacts',
  logLevel: 'warn',
} as const satisfies Omit<ResolvedPactConsumerOptions, 'pactDir'> & { pactDir: string });

/** Pact file names are built from the consumer name, so it must be safe as a file name. */
const CONSUMER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

const nonEmpty = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value.trim();

/** Applies env and defaults to the caller's options; throws PactConfigurationError for an unusable name. */
export function resolvePactConsumerOptions(options: PactConsumerOptions = {}): ResolvedPactConsumerOptions {
  const env = options.env ?? process.env;
  const consumer = options.consumer ?? nonEmpty(env[PactEnv.consumer]) ?? DEFAULT_PACT_CONSUMER_OPTIONS.consumer;
  if (!CONSUMER_NAME.test(consumer)) {
    throw new PactConfigurationError(
      options.consumer === undefined ? PactEnv.consumer : 'consumer',
      `The consumer name ${JSON.stringify(consumer.slice(0, 100))} cannot name a pact file. Use 1-100 letters, digits, dots, dashes or underscores, starting with a letter or digit (e.g. "acme-erp").`,
    );
  }
  const pactDir = resolve(options.pactDir ?? nonEmpty(env[PactEnv.pactDir]) ?? DEFAULT_PACT_CONSUMER_OPTIONS.pactDir);
  return Object.freeze({ consumer, pactDir, logLevel: options.logLevel ?? DEFAULT_PACT_CONSUMER_OPTIONS.logLevel });
}
