import { parseArgs } from 'node:util';
import { canIDeploy } from '../../pact/broker.js';
import { PactConfigurationError } from '../../pact/errors.js';
import { PactEnv } from '../../pact/names.js';
import {
  BROKER_OPTIONS,
  BROKER_URL_ENV,
  brokerBinary,
  brokerIo,
  brokerUrlOf,
  type Env,
  fail,
  noBrokerError,
} from '../pact-broker-command.js';
import type { PactCliIo } from './verify-provider.js';

export const canIDeployUsage = `Usage: dutyclaims-launch can-i-deploy --pacticipant NAME=VERSION --to-environment ENV [options]

Asks the Pact Broker (pact-broker can-i-deploy) whether the versions may be deployed.

  --broker-url URL             the broker (default $${BROKER_URL_ENV}); token from $${PactEnv.brokerToken}
  --pacticipant NAME=VERSION   e.g. DutyClaims=3f2a9c1 (repeatable)
  --to-environment ENV         e.g. production
  --retry-while-unknown N      poll N times while results are missing
  --retry-interval SECONDS     seconds between polls
  --json                       one JSON object on stdout (deployable, pacticipants, environment, or the
                               failure); pact-broker's own output goes to stderr

Exit codes: 0 may deploy, 1 may not (or the broker failed), 2 usage error.`;

/** `can-i-deploy`: asks the broker whether the versions may be deployed. Resolves the exit code. */
export async function runCanIDeployCommand(
  argv: readonly string[],
  io: PactCliIo,
  env: Env = process.env,
): Promise<number> {
  const json = argv.includes('--json');
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        ...BROKER_OPTIONS,
        pacticipant: { type: 'string', multiple: true },
        'to-environment': { type: 'string' },
        'retry-while-unknown': { type: 'string' },
        'retry-interval': { type: 'string' },
      },
    });
    if (values.help) {
      io.out(canIDeployUsage);
      return 0;
    }
    const brokerUrl = brokerUrlOf(values['broker-url'], env);
    if (!brokerUrl) throw noBrokerError();
    if (!values['to-environment'])
      throw new PactConfigurationError('--to-environment', 'Pass --to-environment (e.g. production).');
    const pacticipants = (values.pacticipant ?? []).map((text) => {
      const at = text.lastIndexOf('=');
      if (at <= 0 || at === text.length - 1)
        throw new PactConfigurationError(
          '--pacticipant',
          `--pacticipant ${text} must be NAME=VERSION, e.g. DutyClaims=3f2a9c1.`,
        );
      return { name: text.slice(0, at), version: text.slice(at + 1) };
    });
    const count = (flag: string, text: string | undefined) => {
      if (text === undefined) return undefined;
      if (!/^[0-9]{1,5}$/.test(text)) throw new PactConfigurationError(flag, `${flag} must be a whole number.`);
      return Number(text);
    };
    const retryWhileUnknown = count('--retry-while-unknown', values['retry-while-unknown']);
    const retryIntervalSeconds = count('--retry-interval', values['retry-interval']);
    const asked = { brokerUrl, pacticipants, toEnvironment: values['to-environment'] };
    let deployable: boolean;
    try {
      deployable = await canIDeploy({
        ...asked,
        ...(retryWhileUnknown === undefined ? {} : { retryWhileUnknown }),
        ...(retryIntervalSeconds === undefined ? {} : { retryIntervalSeconds }),
        ...brokerBinary(env),
        env,
        io: brokerIo(io, values.json),
      });
    } catch (error) {
      // No answer is not a "no": `deployable` is null when the broker could not be asked.
      return fail(io, error, 'can-i-deploy', values.json, { deployable: null, ...asked });
    }
    if (values.json) io.out(JSON.stringify({ deployable, ...asked }));
    else io.out(deployable ? 'can-i-deploy: yes' : 'can-i-deploy: no (see the broker output above)');
    return deployable ? 0 : 1;
  } catch (error) {
    return fail(io, error, 'can-i-deploy', json, { deployable: null });
  }
}
