import { closestName } from '../config/closest-name.js';
import { packageVersion } from '../contract/package-root.js';
import { runContractCommand } from './commands/contract.js';
import { missingOptionalPeer } from './optional-peer.js';
import { ExitCode, isUsageError } from './usage-error.js';

export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** The environment commands read their DUTYCLAIMS_* settings from; defaults to process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** True when `out` goes to a terminal (colour is on there unless NO_COLOR says otherwise). */
  readonly tty?: boolean;
  /** Raw text to a terminal for a spinner; absent when none is attached. */
  readonly raw?: (text: string) => void;
}

/**
 * Writes to a standard stream until its reader goes away: `rehearse | head` then ends the output
 * quietly instead of crashing with EPIPE, and the run still writes its packet and sets its exit code.
 */
function lineWriter(stream: NodeJS.WriteStream): (line: string) => void {
  let open = true;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    open = false;
  });
  return (line) => {
    if (open) stream.write(`${line}\n`);
  };
}

let defaultIoCache: CliIo | undefined;
const defaultIo = (): CliIo => {
  defaultIoCache ??= {
    out: lineWriter(process.stdout),
    err: lineWriter(process.stderr),
    tty: process.stdout.isTTY === true,
    ...(process.stderr.isTTY ? { raw: (text: string) => void process.stderr.write(text) } : {}),
  };
  return defaultIoCache;
};

type Command = (argv: readonly string[], io: CliIo) => number | Promise<number>;

/** Each command is loaded only when used, so `contract hash` does not pay for the mock or Pact. */
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  rehearse: {
    summary: 'rehearse                run the golden path and prove each launch gate (default: embedded mock)',
    load: async () => {
      const { runRehearseCommand } = await import('./commands/rehearse.js');
      return (argv, io) => runRehearseCommand('rehearse', argv, io);
    },
  },
  smoke: {
    summary: 'smoke                   the nightly read-only run: reads only, writes are "not run"',
    load: async () => {
      const { runRehearseCommand } = await import('./commands/rehearse.js');
      return (argv, io) => runRehearseCommand('smoke', argv, io);
    },
  },
  diff: {
    summary: 'diff A.json B.json      compare two launch packets (--parity: sandbox against production)',
    load: async () => {
      const { runDiffCommand } = await import('./commands/diff.js');
      return runDiffCommand;
    },
  },
  mock: {
    summary: 'mock                    run the reference mock standalone (prints URL and credential prefixes)',
    load: async () => {
      const { runMockCommand } = await import('./commands/mock.js');
      return runMockCommand;
    },
  },
  'grade-webhook': {
    summary: "grade-webhook           grade your webhook receiver's verification, freshness and dedupe",
    load: async () => {
      const { runGradeWebhookCommand } = await import('../grading/webhook-receiver/cli.js');
      return (argv, io) =>
        runGradeWebhookCommand(argv, {
          stdout: (text) => io.out(text.replace(/\n$/, '')),
          stderr: (text) => io.err(text.replace(/\n$/, '')),
        });
    },
  },
  'grade-client': {
    summary: "grade-client -- <cmd>   grade your own API client's retries, timeouts, idempotency and paging",
    load: async () => (await import('../grading/client/cli.js')).runGradeClientCommand,
  },
  'verify-provider': {
    summary: 'verify-provider         verify pacts against a provider (default: the embedded mock)',
    load: async () => (await import('../pact/cli.js')).runVerifyProviderCommand,
  },
  'publish-pacts': {
    summary: 'publish-pacts           publish pact files to a Pact Broker (pact-broker publish)',
    load: async () => (await import('../pact/cli-broker.js')).runPublishPactsCommand,
  },
  'can-i-deploy': {
    summary: 'can-i-deploy            ask a Pact Broker whether a version can be deployed',
    load: async () => (await import('../pact/cli-broker.js')).runCanIDeployCommand,
  },
  contract: {
    summary: 'contract hash           print the contract hash of the shipped (or a given) OpenAPI',
    load: async () => (argv, io) => runContractCommand(argv, io.out),
  },
};

export const usage = (): string =>
  [
    'Usage: dutyclaims-launch <command> [options]',
    '',
    'Commands:',
    ...Object.values(commands).map((command) => `  ${command.summary}`),
    '',
    'Run `dutyclaims-launch help <command>` (or `<command> --help`) for the options of a command,',
    '`dutyclaims-launch --version` for the version.',
  ].join('\n');

/** `-h` means `--help` for every command; the partner command after `--` is left alone. */
const expandShortHelp = (argv: readonly string[]): string[] => {
  const end = argv.indexOf('--');
  return argv.map((arg, index) => (arg === '-h' && (end === -1 || index < end) ? '--help' : arg));
};

/** Runs the CLI with the given arguments and returns the exit code (0 ok, 1 failed, 2 usage). */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  const [first, ...args] = argv;
  if (first === '--version' || first === '-v' || first === 'version') {
    io.out(packageVersion());
    return ExitCode.ok;
  }
  // `help <command>` is `<command> --help`.
  const [name, ...given] = first === 'help' && args[0] !== undefined ? [args[0], '--help'] : [first, ...args];
  const rest = expandShortHelp(given);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  const command = commands[name];
  if (!command) {
    const prefixed = Object.keys(commands).filter((known) => known.startsWith(name));
    const suggestion = prefixed.length === 1 ? prefixed[0] : closestName(name, Object.keys(commands));
    io.err(`Unknown command "${name}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}\n\n${usage()}`);
    return ExitCode.usage;
  }
  try {
    return await (await command.load())(rest, io);
  } catch (error) {
    if (
      isUsageError(error) ||
      (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      io.err((error as Error).message);
      return ExitCode.usage;
    }
    const peerHint = missingOptionalPeer(error, name);
    if (peerHint !== null) {
      io.err(peerHint);
      return ExitCode.usage;
    }
    throw error;
  }
}
