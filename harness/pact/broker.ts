import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { PactBrokerCommandError, PactConfigurationError } from './errors.js';
import { PACT_PROVIDER_NAME, PactEnv } from './names.js';

/** Where the `pact-broker` CLI comes from and where its output goes. */
export interface PactBrokerCliOptions {
  /** An executable to run instead of `@pact-foundation/pact-cli`'s `pact-broker` (e.g. a CI image's binary). */
  readonly binary?: string;
  /** Environment of the child (default `process.env`); the token is read from `PACT_BROKER_TOKEN` here. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Receives the CLI's output lines (default: this process's stdout and stderr). */
  readonly io?: { out(line: string): void; err(line: string): void };
}

/** `pact-broker publish`: the pacts of a directory, under a consumer version. */
export interface PublishPactsOptions extends PactBrokerCliOptions {
  readonly brokerUrl: string;
  readonly pactDir: string;
  /** The consumer's version, e.g. the git SHA. */
  readonly consumerVersion: string;
  readonly branch?: string;
  readonly tags?: readonly string[];
  readonly buildUrl?: string;
}

/** `pact-broker can-i-deploy`: may these versions go to `toEnvironment`? */
export interface CanIDeployOptions extends PactBrokerCliOptions {
  readonly brokerUrl: string;
  readonly pacticipants: readonly { readonly name: string; readonly version: string }[];
  readonly toEnvironment: string;
  /** Poll this many times while verification results are unknown. */
  readonly retryWhileUnknown?: number;
  readonly retryIntervalSeconds?: number;
}

/** A command line ready to spawn. The token travels only in `env`, never in `args`. */
export interface BrokerInvocation {
  /** The pact-broker subcommand: `publish` or `can-i-deploy`. */
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

/** The default `pact-broker` of `@pact-foundation/pact-cli`, run with this Node. */
function defaultCommand(): { command: string; prefix: string[] } {
  try {
    const script = createRequire(import.meta.url).resolve('@pact-foundation/pact-cli/bin/pact-broker.js');
    return { command: process.execPath, prefix: [script] };
  } catch (cause) {
    throw new PactConfigurationError(
      'binary',
      'Cannot find @pact-foundation/pact-cli. Install it (npm install -D @pact-foundation/pact-cli) or pass the pact-broker binary.',
      { cause },
    );
  }
}

function checkBrokerUrl(brokerUrl: string): string {
  let url: URL;
  try {
    url = new URL(brokerUrl);
  } catch {
    throw new PactConfigurationError(
      'brokerUrl',
      `The broker URL ${JSON.stringify(brokerUrl.slice(0, 80))} is not an absolute URL.`,
    );
  }
  if (url.username || url.password)
    throw new PactConfigurationError(
      'brokerUrl',
      `Do not put credentials in the broker URL; set ${PactEnv.brokerToken} (or PACT_BROKER_USERNAME / PACT_BROKER_PASSWORD) in the environment.`,
    );
  return brokerUrl;
}

function invocation(options: PactBrokerCliOptions, name: string, args: string[]): BrokerInvocation {
  const base = options.binary === undefined ? defaultCommand() : { command: resolve(options.binary), prefix: [] };
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.env ?? process.env)) if (value !== undefined) env[key] = value;
  env.PACT_DO_NOT_TRACK = 'true';
  return { name, command: base.command, args: [...base.prefix, name, ...args], env };
}

/** The `pact-broker publish` command line for `options`. */
export function buildPublishInvocation(options: PublishPactsOptions): BrokerInvocation {
  if (options.consumerVersion.trim() === '')
    throw new PactConfigurationError(
      'consumerVersion',
      'Publishing pacts needs a consumer version (e.g. the git SHA).',
    );
  const args = [
    resolve(options.pactDir),
    '--broker-base-url',
    checkBrokerUrl(options.brokerUrl),
    '--consumer-app-version',
    options.consumerVersion,
  ];
  if (options.branch) args.push('--branch', options.branch);
  for (const tag of options.tags ?? []) args.push('--tag', tag);
  if (options.buildUrl) args.push('--build-url', options.buildUrl);
  return invocation(options, 'publish', args);
}

/** The `pact-broker can-i-deploy` command line for `options`. */
export function buildCanIDeployInvocation(options: CanIDeployOptions): BrokerInvocation {
  if (options.pacticipants.length === 0)
    throw new PactConfigurationError(
      'pacticipants',
      `Name at least one pacticipant and version (e.g. ${PACT_PROVIDER_NAME} and its git SHA).`,
    );
  const args: string[] = [];
  for (const { name, version } of options.pacticipants) args.push('--pacticipant', name, '--version', version);
  args.push('--to-environment', options.toEnvironment, '--broker-base-url', checkBrokerUrl(options.brokerUrl));
  if (options.retryWhileUnknown !== undefined) args.push('--retry-while-unknown', String(options.retryWhileUnknown));
  if (options.retryIntervalSeconds !== undefined) args.push('--retry-interval', String(options.retryIntervalSeconds));
  return invocation(options, 'can-i-deploy', args);
}

/** What a finished invocation left: its exit code (null if killed) and its output lines, token masked. */
export interface BrokerResult {
  readonly exitCode: number | null;
  readonly output: readonly string[];
}

/** Runs an invocation, streaming its output line by line with the token masked. */
export function runBrokerInvocation(call: BrokerInvocation, io: PactBrokerCliOptions['io']): Promise<BrokerResult> {
  const out = io ?? {
    out: (line: string) => process.stdout.write(`${line}\n`),
    err: (line: string) => process.stderr.write(`${line}\n`),
  };
  const token = call.env[PactEnv.brokerToken];
  const mask = (line: string) => (token && token.length >= 8 ? line.split(token).join(`${token.slice(0, 4)}…`) : line);
  const output: string[] = [];
  const keep = (write: (line: string) => void) => (line: string) => {
    output.push(line);
    write(line);
  };
  return new Promise((resolvePromise, reject) => {
    const child = spawn(call.command, [...call.args], { env: call.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const pipe = (stream: NodeJS.ReadableStream, write: (line: string) => void) => {
      let buffered = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        buffered += chunk;
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) write(mask(line));
      });
      stream.on('end', () => {
        if (buffered !== '') write(mask(buffered));
      });
    };
    pipe(child.stdout, keep(out.out));
    pipe(child.stderr, keep(out.err));
    child.once('error', (cause) =>
      reject(
        new PactBrokerCommandError(
          call.name,
          null,
          `Could not start ${call.command} (${cause.message}). Check the pact-broker binary.`,
          {
            cause,
          },
        ),
      ),
    );
    child.once('close', (exitCode) => resolvePromise({ exitCode, output }));
  });
}

/** Publishes the pacts of a directory to a Pact Broker; throws PactBrokerCommandError unless it exits 0. */
export async function publishPacts(options: PublishPactsOptions): Promise<void> {
  const { exitCode: code } = await runBrokerInvocation(buildPublishInvocation(options), options.io);
  if (code !== 0)
    throw new PactBrokerCommandError(
      'publish',
      code,
      `pact-broker publish exited with ${code ?? 'a signal'}. Its output above says why (URL, token, version).`,
    );
}

/** pact-broker exits 1 both for "no" and for a broker it could not reach; its output tells them apart. */
const UNREACHABLE = /Failed to access pact broker|error sending request/i;

/**
 * Asks the broker whether the versions may be deployed: true on exit 0, false on exit 1 ("computer
 * says no"). Throws PactBrokerCommandError when the broker could not be asked or on other exit codes.
 */
export async function canIDeploy(options: CanIDeployOptions): Promise<boolean> {
  const { exitCode: code, output } = await runBrokerInvocation(buildCanIDeployInvocation(options), options.io);
  if (code === 0) return true;
  if (code === 1 && output.some((line) => UNREACHABLE.test(line)))
    throw new PactBrokerCommandError(
      'can-i-deploy',
      code,
      `pact-broker can-i-deploy could not reach ${options.brokerUrl}; no answer was given. Check the URL, the network and ${PactEnv.brokerToken}.`,
    );
  if (code === 1) return false;
  throw new PactBrokerCommandError(
    'can-i-deploy',
    code,
    `pact-broker can-i-deploy exited with ${code ?? 'a signal'}, which is neither "yes" (0) nor "no" (1). Its output above says why.`,
  );
}
