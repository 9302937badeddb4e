import { parseArgs } from 'node:util';
import { canIDeploy, publishPacts } from './broker.js';
import type { PactCliIo } from './cli.js';
import { isPactBrokerCommandError, isPactConfigurationError, PactConfigurationError } from './errors.js';
import { PactEnv } from './names.js';
import { loadPacts } from './pact-sources.js';

type Env = Readonly<Record<string, string | undefined>>;

const BROKER_URL_ENV = 'PACT_BROKER_BASE_URL';

export const publishPactsUsage = `Usage: dutyclaims-launch publish-pacts --consumer-version V [options]

Publishes the pact files to a Pact Broker with @pact-foundation/pact-cli. Every pact must carry
metadata.dutyclaims.contractHash (the consumer tests write it).

  --broker-url URL        the broker (default $${BROKER_URL_ENV}); token from $${PactEnv.brokerToken}
  --pact-dir DIR          default $${PactEnv.pactDir} or ./pacts
  --consumer-version V    the consumer version, e.g. the git SHA (required)
  --branch B              the consumer branch
  --tag T                 a tag (repeatable)
  --build-url URL         a link to the CI build
  --if-configured         exit 0 without publishing when no broker URL is set
  --json                  one JSON object on stdout (published, broker, version, pacts, or the failure);
                          pact-broker's own output goes to stderr

Exit codes: 0 published (or skipped with --if-configured), 1 the broker refused, 2 usage error.`;

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

const brokerBinary = (env: Env): { binary?: string } => {
  const binary = env[PactEnv.brokerBinary]?.trim();
  return binary ? { binary } : {};
};

/** With --json the result is the only stdout line: pact-broker's chatter goes to stderr. */
const brokerIo = (io: PactCliIo, json: boolean): PactCliIo => (json ? { out: io.err, err: io.err } : io);

function fail(io: PactCliIo, error: unknown, usageHint: string, json: boolean, result: object): number {
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

/** `publish-pacts`: publishes the pact directory to the broker. Resolves the exit code. */
export async function runPublishPactsCommand(
  argv: readonly string[],
  io: PactCliIo,
  env: Env = process.env,
): Promise<number> {
  const json = argv.includes('--json');
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        json: { type: 'boolean', default: false },
        'broker-url': { type: 'string' },
        'pact-dir': { type: 'string' },
        'consumer-version': { type: 'string' },
        branch: { type: 'string' },
        tag: { type: 'string', multiple: true },
        'build-url': { type: 'string' },
        'if-configured': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
    if (values.help) {
      io.out(publishPactsUsage);
      return 0;
    }
    const brokerUrl = values['broker-url'] ?? env[BROKER_URL_ENV]?.trim();
    if (!brokerUrl) {
      if (values['if-configured']) {
        const reason = `No Pact Broker configured (--broker-url or ${BROKER_URL_ENV}): nothing published.`;
        io.out(json ? JSON.stringify({ published: false, skipped: true, reason }) : reason);
        return 0;
      }
      throw new PactConfigurationError('--broker-url', `Pass --broker-url or set ${BROKER_URL_ENV}.`);
    }
    if (!values['consumer-version'])
      throw new PactConfigurationError('--consumer-version', 'Pass --consumer-version (e.g. the git SHA).');
    const pactDir = values['pact-dir'] ?? (env[PactEnv.pactDir]?.trim() || 'pacts');
    const pacts = await loadPacts({ kind: 'dir', dir: pactDir }, env);
    const unpinned = pacts.filter((pact) => pact.contractHash === null);
    if (unpinned.length > 0)
      throw new PactConfigurationError(
        'pactDir',
        `${unpinned.map((pact) => pact.location).join(', ')} carry no metadata.dutyclaims.contractHash. Regenerate them with the harness consumer tests before publishing.`,
      );
    const published = {
      brokerUrl,
      pactDir,
      consumerVersion: values['consumer-version'],
      ...(values.branch ? { branch: values.branch } : {}),
      ...(values.tag ? { tags: values.tag } : {}),
      ...(values['build-url'] ? { buildUrl: values['build-url'] } : {}),
    };
    try {
      await publishPacts({ ...published, ...brokerBinary(env), env, io: brokerIo(io, values.json) });
    } catch (error) {
      return fail(io, error, 'publish-pacts', values.json, { published: false, ...published });
    }
    if (values.json)
      io.out(
        JSON.stringify({
          published: true,
          ...published,
          pacts: pacts.map(({ location, consumer, contractHash }) => ({ location, consumer, contractHash })),
        }),
      );
    return 0;
  } catch (error) {
    return fail(io, error, 'publish-pacts', json, { published: false });
  }
}

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
        json: { type: 'boolean', default: false },
        'broker-url': { type: 'string' },
        pacticipant: { type: 'string', multiple: true },
        'to-environment': { type: 'string' },
        'retry-while-unknown': { type: 'string' },
        'retry-interval': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
    if (values.help) {
      io.out(canIDeployUsage);
      return 0;
    }
    const brokerUrl = values['broker-url'] ?? env[BROKER_URL_ENV]?.trim();
    if (!brokerUrl) throw new PactConfigurationError('--broker-url', `Pass --broker-url or set ${BROKER_URL_ENV}.`);
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
