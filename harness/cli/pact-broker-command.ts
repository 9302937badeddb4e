import { isPactBrokerCommandError, isPactConfigurationError } from '../pact/errors.js';
import { PactEnv } from '../pact/names.js';
import type { PactCliIo } from './commands/verify-provider.js';

/** What publish-pacts and can-i-deploy share: the broker URL variable, the binary, output and failures. */
export type Env = Readonly<Record<string, string | undefined>>;

export const BROKER_URL_ENV = 'PACT_BROKER_BASE_URL';

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
