import { isPactBrokerCommandError, isPactConfigurationError, PactConfigurationError } from '../pact/errors.js';
import { PactEnv } from '../pact/names.js';
import type { PactCliIo } from './commands/verify-provider.js';

/** What publish-pacts and can-i-deploy share: the broker URL variable, the binary, output and failures. */
export type Env = Readonly<Record<string, string | undefined>>;

export const BROKER_URL_ENV = 'PACT_BROKER_BASE_URL';

/** The parseArgs options every broker command takes. */
export const BROKER_OPTIONS = {
  json: { type: 'boolean', default: false },
  'broker-url': { type: 'string' },
  help: { type: 'boolean', default: false },
} as const;

/** The broker: --broker-url, else $PACT_BROKER_BASE_URL; undefined when neither is set. */
export const brokerUrlOf = (flag: string | undefined, env: Env): string | undefined =>
  flag ?? (env[BROKER_URL_ENV]?.trim() || undefined);

/** The error of a broker command run without a broker. */
export const noBrokerError = (): PactConfigurationError =>
  new PactConfigurationError('--broker-url', `Pass --broker-url or set ${BROKER_URL_ENV}.`);

export const brokerBinary = (env: Env): { binary?: string } => {
  const binary = env[PactEnv.brokerBinary]?.trim();
  return binary ? { binary } : {};
};

/** With --json the result is the only stdout line: pact-broker's chatter goes to stderr. */
export const brokerIo = (io: PactCliIo, json: boolean): PactCliIo => (json ? { out: io.err, err: io.err } : io);

export function fail(io: PactCliIo, error: unknown, usageHint: string, json: boolean, result: object): number {
  if (json && isPactBrokerCommandError(error))
    io.out(
      JSON.stringify({
        ...result,
        name: error.name,
        code: error.code,
        exitCode: error.exitCode,
        message: error.message,
      }),
    );
  if (
    isPactConfigurationError(error) ||
    (error instanceof TypeError && String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS'))
  ) {
    io.err(`${(error as Error).message}\n\nRun \`dutyclaims-launch ${usageHint} --help\` for the options.`);
    return 2;
  }
  if (isPactBrokerCommandError(error)) {
    io.err(error.message);
    return 1;
  }
  throw error;
}
