import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  isContractHashMismatchError,
  isPactConfigurationError,
  isPactVerificationError,
  PactConfigurationError,
} from '../../pact/errors.js';
import { PactEnv } from '../../pact/names.js';
import type { ConsumerVersionSelector, PactSource } from '../../pact/pact-sources.js';
import type { ProviderCredentials } from '../../pact/request-filter.js';
import { verifyProviderInChild } from '../../pact/verify-in-child.js';
import type { ProviderTarget, VerifierLogLevel, VerifyProviderOptions } from '../../pact/verify-options.js';
import { verifyProvider } from '../../pact/verify-provider.js';

/** Where a CLI command writes its lines. */
export interface PactCliIo {
  out(line: string): void;
  err(line: string): void;
}

type Env = Readonly<Record<string, string | undefined>>;

export const verifyProviderUsage = `Usage: dutyclaims-launch verify-provider [options]

Verifies the DutyClaims pacts with Pact's verifier. Every pact must carry the contract hash the
provider serves (GET /health, DutyClaims-Contract-Hash), or nothing is replayed.

Provider (default: the embedded reference mock):
  --provider-base-url URL         the provider to verify
  --embedded-mock                 start the reference mock in-process (the default)
  --reference-mock                the URL is a reference mock (e.g. a container): states via /_mock/
  --state-change-url URL          the provider's endpoint that sets up provider states (docs/pact.md)
Pacts (one source; default $${PactEnv.pactDir} or ./pacts):
  --pact-dir DIR                  the pact files of a directory
  --pact-url URL|FILE             a pact file (repeatable)
  --broker-url URL                a Pact Broker; token from $${PactEnv.brokerToken}
  --consumer-version-selector J   a selector as JSON, e.g. '{"mainBranch":true}' (repeatable)
  --enable-pending                pending pacts do not fail the build
  --include-wip-pacts-since DATE  verify work-in-progress pacts since DATE
  --provider-version-branch B     the provider branch, for pending and WIP pacts
  --publish-verification-results  publish the results to the broker (needs --provider-version)
  --provider-version V            the provider version, e.g. the git SHA
  --build-url URL                 a link to the CI build, shown in the broker
Other:
  --allow-missing-contract-hash   verify pacts without metadata.dutyclaims.contractHash
  --log-level info|warn|error     default warn
  --timeout-ms N                  per replayed request, default 10000
  --json                          print the result (or the failure) as one JSON object, the only
                                  line on stdout (Pact's verifier report goes to stderr)

Credentials of a real provider come from the environment only: ${PactEnv.apiKey} (required),
${PactEnv.readOnlyApiKey} (for the 403 insufficient_scope and 401 credential_revoked interactions), ${PactEnv.oauthClientId} and
${PactEnv.oauthClientSecret} (for the OAuth token exchange).

Exit codes: 0 verified, 1 verification failed (or a contract hash differs), 2 usage or configuration error.`;

const options = {
  'provider-base-url': { type: 'string' },
  'embedded-mock': { type: 'boolean', default: false },
  'reference-mock': { type: 'boolean', default: false },
  'state-change-url': { type: 'string' },
  'pact-dir': { type: 'string' },
  'pact-url': { type: 'string', multiple: true },
  'broker-url': { type: 'string' },
  'consumer-version-selector': { type: 'string', multiple: true },
  'enable-pending': { type: 'boolean', default: false },
  'include-wip-pacts-since': { type: 'string' },
  'provider-version-branch': { type: 'string' },
  'publish-verification-results': { type: 'boolean', default: false },
  'provider-version': { type: 'string' },
  'build-url': { type: 'string' },
  'allow-missing-contract-hash': { type: 'boolean', default: false },
  'log-level': { type: 'string' },
  'timeout-ms': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof options }>>['values'];

const Selector = z.strictObject({
  mainBranch: z.boolean().optional(),
  branch: z.string().optional(),
  matchingBranch: z.boolean().optional(),
  deployedOrReleased: z.boolean().optional(),
  deployed: z.boolean().optional(),
  released: z.boolean().optional(),
  environment: z.string().optional(),
  consumer: z.string().optional(),
  tag: z.string().optional(),
  latest: z.boolean().optional(),
  fallbackTag: z.string().optional(),
});

function selectors(texts: readonly string[]): ConsumerVersionSelector[] {
  return texts.map((text) => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new PactConfigurationError(
        '--consumer-version-selector',
        `--consumer-version-selector ${text} is not JSON; write e.g. '{"mainBranch":true}'.`,
      );
    }
    const parsed = Selector.safeParse(json);
    if (!parsed.success)
      throw new PactConfigurationError(
        '--consumer-version-selector',
        `--consumer-version-selector ${text} is not a consumer version selector (${parsed.error.issues[0]?.message}).`,
      );
    return parsed.data as ConsumerVersionSelector;
  });
}

function pactSource(values: Values, env: Env): PactSource | undefined {
  const given = [
    values['pact-dir'] !== undefined,
    values['pact-url'] !== undefined,
    values['broker-url'] !== undefined,
  ];
  if (given.filter(Boolean).length > 1)
    throw new PactConfigurationError('pacts', 'Give one pact source: --pact-dir, --pact-url or --broker-url.');
  if (values['pact-dir'] !== undefined) return { kind: 'dir', dir: values['pact-dir'] };
  if (values['pact-url'] !== undefined) return { kind: 'urls', urls: values['pact-url'] };
  if (values['broker-url'] === undefined) {
    if (values['consumer-version-selector'] || values['enable-pending'] || values['include-wip-pacts-since'])
      throw new PactConfigurationError(
        '--broker-url',
        'Consumer version selectors, pending and WIP pacts need --broker-url.',
      );
    return undefined;
  }
  const token = env[PactEnv.brokerToken];
  return {
    kind: 'broker',
    url: values['broker-url'],
    ...(token ? { token } : {}),
    ...(values['consumer-version-selector']
      ? { consumerVersionSelectors: selectors(values['consumer-version-selector']) }
      : {}),
    enablePending: values['enable-pending'],
    ...(values['include-wip-pacts-since'] ? { includeWipPactsSince: values['include-wip-pacts-since'] } : {}),
    ...(values['provider-version-branch'] ? { providerVersionBranch: values['provider-version-branch'] } : {}),
  };
}

function providerCredentials(env: Env): ProviderCredentials {
  const apiKey = env[PactEnv.apiKey]?.trim();
  if (!apiKey)
    throw new PactConfigurationError(
      PactEnv.apiKey,
      `Set ${PactEnv.apiKey} to the API key of the provider under test (it is never printed).`,
    );
  const readOnlyApiKey = env[PactEnv.readOnlyApiKey]?.trim();
  const clientId = env[PactEnv.oauthClientId]?.trim();
  const clientSecret = env[PactEnv.oauthClientSecret]?.trim();
  if (Boolean(clientId) !== Boolean(clientSecret))
    throw new PactConfigurationError(
      PactEnv.oauthClientId,
      `Set both ${PactEnv.oauthClientId} and ${PactEnv.oauthClientSecret}, or neither.`,
    );
  return {
    apiKey,
    ...(readOnlyApiKey ? { readOnlyApiKey } : {}),
    ...(clientId && clientSecret ? { oauthClient: { clientId, clientSecret } } : {}),
  };
}

function providerTarget(values: Values, env: Env): ProviderTarget {
  const baseUrl = values['provider-base-url'];
  if (baseUrl === undefined || values['embedded-mock']) {
    if (baseUrl !== undefined || values['reference-mock'] || values['state-change-url'])
      throw new PactConfigurationError(
        '--embedded-mock',
        '--embedded-mock cannot be combined with --provider-base-url, --reference-mock or --state-change-url.',
      );
    return { kind: 'embedded-mock' };
  }
  if (values['reference-mock']) {
    if (values['state-change-url'])
      throw new PactConfigurationError(
        '--state-change-url',
        'A reference mock sets up states through its control plane: drop --state-change-url.',
      );
    return { kind: 'reference-mock', baseUrl };
  }
  const stateChangeUrl = values['state-change-url'];
  return {
    kind: 'provider',
    baseUrl,
    credentials: providerCredentials(env),
    ...(stateChangeUrl ? { stateChangeUrl } : {}),
  };
}

function verifyOptions(values: Values, env: Env): VerifyProviderOptions {
  const pacts = pactSource(values, env);
  const logLevel = values['log-level'];
  if (logLevel !== undefined && !['info', 'warn', 'error'].includes(logLevel))
    throw new PactConfigurationError(
      '--log-level',
      '--log-level must be info, warn or error (debug and trace would log credentials).',
    );
  const timeout = values['timeout-ms'];
  if (timeout !== undefined && !/^[1-9][0-9]{0,6}$/.test(timeout))
    throw new PactConfigurationError('--timeout-ms', '--timeout-ms must be a positive number of milliseconds.');
  if (values['publish-verification-results'] && !values['provider-version'])
    throw new PactConfigurationError(
      '--provider-version',
      '--publish-verification-results needs --provider-version (e.g. the git SHA).',
    );
  return {
    provider: providerTarget(values, env),
    ...(pacts ? { pacts } : {}),
    allowMissingContractHash: values['allow-missing-contract-hash'],
    ...(values['publish-verification-results'] && values['provider-version']
      ? {
          publish: {
            providerVersion: values['provider-version'],
            ...(values['provider-version-branch'] ? { providerVersionBranch: values['provider-version-branch'] } : {}),
            ...(values['build-url'] ? { buildUrl: values['build-url'] } : {}),
          },
        }
      : {}),
    ...(logLevel ? { logLevel: logLevel as VerifierLogLevel } : {}),
    ...(timeout ? { timeoutMs: Number(timeout) } : {}),
    env,
  };
}

/** `verify-provider`: verifies the pacts against a provider. Resolves the exit code (0 verified, 1 failed, 2 usage). */
export async function runVerifyProviderCommand(
  argv: readonly string[],
  io: PactCliIo,
  env: Env = process.env,
): Promise<number> {
  let values: Values;
  let request: VerifyProviderOptions;
  try {
    values = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
    if (values.help) {
      io.out(verifyProviderUsage);
      return 0;
    }
    request = verifyOptions(values, env);
  } catch (error) {
    io.err(`${(error as Error).message}\n\nRun \`dutyclaims-launch verify-provider --help\` for the options.`);
    return 2;
  }
  const started = performance.now();
  const json = values.json === true;
  try {
    // With --json, stdout carries the one JSON object: the verifier runs in a child whose own
    // report goes to stderr.
    const result = await (json ? verifyProviderInChild(request) : verifyProvider(request));
    const interactions = result.pacts.reduce((sum, pact) => sum + pact.interactions, 0);
    if (json) {
      io.out(
        JSON.stringify({
          verified: true,
          interactions,
          durationMs: Math.round(performance.now() - started),
          ...result,
        }),
      );
      return 0;
    }
    io.out(
      `Verified ${interactions} interaction(s) in ${result.pacts.length} pact(s) against ${result.providerBaseUrl} (contract ${result.providerContractHash}) in ${Math.round(performance.now() - started)} ms.`,
    );
    for (const pact of result.pacts)
      io.out(`  ${pact.consumer}: ${pact.location} (contract ${pact.contractHash ?? 'not recorded'})`);
    return 0;
  } catch (error) {
    if (json) io.out(JSON.stringify(failureJson(error)));
    if (isPactConfigurationError(error)) {
      io.err(error.message);
      return 2;
    }
    if (isContractHashMismatchError(error)) {
      io.err(error.message);
      return 1;
    }
    if (isPactVerificationError(error)) {
      io.err(`Pact verification failed against ${error.providerBaseUrl}:`);
      for (const failure of error.failures)
        io.err(`  ✗ ${failure.interaction}\n      ${failure.mismatches.join('\n      ')}`);
      io.err(error.message);
      return 1;
    }
    io.err(`verify-provider failed: ${(error as Error).message}`);
    return 1;
  }
}

/** A failed verification as JSON: what a CI step branches on (stable code, failures), never a credential. */
function failureJson(error: unknown): Record<string, unknown> {
  const base = { verified: false, name: (error as Error).name, message: (error as Error).message };
  if (isPactVerificationError(error)) return { ...base, code: error.code, failures: error.failures };
  if (isContractHashMismatchError(error))
    return {
      ...base,
      code: error.code,
      pact: error.pact,
      pactContractHash: error.pactContractHash,
      providerContractHash: error.providerContractHash,
    };
  if (isPactConfigurationError(error)) return { ...base, code: error.code, field: error.field };
  return base;
}
