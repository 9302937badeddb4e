import { parseArgs } from 'node:util';
import { publishPacts } from '../../pact/broker.js';
import { PactConfigurationError } from '../../pact/errors.js';
import { PactEnv } from '../../pact/names.js';
import { loadPacts } from '../../pact/pact-sources.js';
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
        ...BROKER_OPTIONS,
        'pact-dir': { type: 'string' },
        'consumer-version': { type: 'string' },
        branch: { type: 'string' },
        tag: { type: 'string', multiple: true },
        'build-url': { type: 'string' },
        'if-configured': { type: 'boolean', default: false },
      },
    });
    if (values.help) {
      io.out(publishPactsUsage);
      return 0;
    }
    const brokerUrl = brokerUrlOf(values['broker-url'], env);
    if (!brokerUrl) {
      if (values['if-configured']) {
        const reason = `No Pact Broker configured (--broker-url or ${BROKER_URL_ENV}): nothing published.`;
        io.out(json ? JSON.stringify({ published: false, skipped: true, reason }) : reason);
        return 0;
      }
      throw noBrokerError();
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
