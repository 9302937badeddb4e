import { parseArgs } from 'node:util';
import { loadCommandBundle } from '../../code-cache/run-bundle.js';
import { RATE_LIMIT_RULE } from '../../reference-mock/env-names.js';
import { isReferenceMockError } from '../../reference-mock/errors.js';
import { isLoopbackHost } from '../../reference-mock/loopback.js';
import type { CliIo } from '../cli-io.js';
import { ExitCode, UsageError } from '../usage-error.js';

export const mockUsage = `Usage: dutyclaims-launch mock [--port 4010] [--host 127.0.0.1] [--environment sandbox|production] [--seed S]
                            [--print-credentials] [--allow-non-loopback-host] [--control-token T]
                            [--rate-limit N] [--json]

Runs the reference mock standalone until SIGTERM or Ctrl-C, and prints its URL and the first 12
characters of the seeded test credentials of its personas (accepted by this local mock only). The
full values are at GET <url>/_mock/personas; --print-credentials prints them too (they then end up
in whatever keeps this output).

--host must be a loopback address (127.0.0.1, ::1, localhost): the control plane under /_mock/ serves
those credentials. --allow-non-loopback-host lets it listen on another address (e.g. 0.0.0.0),
reachable by every machine that can reach this one; there the control plane requires a token:
--control-token T (or DUTYCLAIMS_MOCK_CONTROL_TOKEN), sent as "Authorization: Bearer T". The control
client reads the same variable. On loopback the token is optional.

--rate-limit N (or DUTYCLAIMS_MOCK_RATE_LIMIT) sets how many requests per minute each key may send
before 429 rate_limited. The default, 1000, is the real API's: raise it only for a load test.

--json prints one JSON object on stdout once the mock listens (url, listeningOn, environment, seed,
partnerOrgId, credentials as prefixes unless --print-credentials, personasUrl, controlTokenRequired);
the human-readable lines and warnings go to stderr.`;

/** The mock's code that the command runs (./standalone-bundle.ts's exports). */
export type StandaloneMockCode = Pick<
  typeof import('../../reference-mock/standalone-bundle.js'),
  'runStandaloneMock' | 'standaloneMockSummary'
>;

/**
 * `mock`: the reference mock as a standalone dev server. `code` loads the mock: the bundle the bin's
 * build wrote (or the modules), unless the caller already runs inside that bundle (./mock-cli.ts).
 */
export async function runMockCommand(
  argv: readonly string[],
  io: CliIo,
  code: () => Promise<StandaloneMockCode> = loadStandaloneMock,
): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      environment: { type: 'string', default: 'sandbox' },
      seed: { type: 'string' },
      'print-credentials': { type: 'boolean', default: false },
      'allow-non-loopback-host': { type: 'boolean', default: false },
      'control-token': { type: 'string' },
      'rate-limit': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    io.out(mockUsage);
    return ExitCode.ok;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UsageError(`--port must be 0-65535, got "${values.port}".`);
  if (values.environment !== 'sandbox' && values.environment !== 'production') {
    throw new UsageError(`--environment must be sandbox or production, got "${values.environment}".`);
  }
  if (!values['allow-non-loopback-host'] && !isLoopbackHost(values.host))
    throw new UsageError(
      `--host ${values.host} is not a loopback address, and the mock's control plane (/_mock/) has no authentication unless given a token, and serves the full seeded credentials. Use 127.0.0.1, or add --allow-non-loopback-host if other machines must reach this mock.`,
    );
  const controlToken = values['control-token'] ?? process.env.DUTYCLAIMS_MOCK_CONTROL_TOKEN;
  const rateLimit = values['rate-limit'] ?? (io.env ?? process.env).DUTYCLAIMS_MOCK_RATE_LIMIT;
  if (rateLimit !== undefined && !/^[1-9]\d{0,8}$/.test(rateLimit))
    throw new UsageError(`--rate-limit (DUTYCLAIMS_MOCK_RATE_LIMIT) ${RATE_LIMIT_RULE}, got "${rateLimit}".`);
  const { runStandaloneMock, standaloneMockSummary } = await code();
  const handle = await runStandaloneMock({
    host: values.host,
    allowNonLoopbackHost: values['allow-non-loopback-host'],
    ...(controlToken ? { controlToken } : {}),
    ...(rateLimit === undefined ? {} : { rateLimitPerMinute: Number(rateLimit) }),
    port,
    environment: values.environment,
    log: values.json ? io.err : io.out,
    credentials: values.json ? 'none' : values['print-credentials'] ? 'full' : 'prefixes',
    ...(values.seed === undefined ? {} : { seed: values.seed }),
  }).catch((error: unknown) => {
    // A port that is taken or an address this machine does not have: exit 2 with the mock's advice.
    if (isReferenceMockError(error) && (error.code === 'MOCK_ERR_LISTEN' || error.code === 'MOCK_ERR_OPTIONS'))
      throw new UsageError(error.message);
    throw error;
  });
  if (values.json) {
    io.out(JSON.stringify(standaloneMockSummary(handle.mock, values['print-credentials'])));
  }
  await handle.closed;
  return ExitCode.ok;
}

/**
 * Where the bin's build put the standalone mock's bundle (the container entry's, with its V8 code
 * cache), relative to this command's chunk; only that build (scripts/bundle-entries.mjs) defines it.
 */
declare const __DUTYCLAIMS_MOCK_BUNDLE__: string | undefined;

/**
 * The mock's code. The built bin runs the bundle the container entry runs, with its code cache: loading
 * the mock's ES modules and zod one by one took ~70 ms of every `dutyclaims-launch mock` start
 * (issue 16: spawn -> first 200). Elsewhere the modules load as usual.
 */
function loadStandaloneMock(): Promise<typeof import('../../reference-mock/standalone-bundle.js')> {
  const bundle =
    typeof __DUTYCLAIMS_MOCK_BUNDLE__ === 'string' ? new URL(__DUTYCLAIMS_MOCK_BUNDLE__, import.meta.url) : null;
  return loadCommandBundle(bundle, () => import('../../reference-mock/standalone-bundle.js'));
}
