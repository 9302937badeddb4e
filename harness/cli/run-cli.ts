import type { Command as CommanderCommand } from 'commander';
import { closestName } from '../config/closest-name.js';
import { packageVersion } from '../contract/package-root.js';
import { type CliIo, defaultIo } from './cli-io.js';
import { missingOptionalPeer } from './optional-peer.js';
import { ExitCode, expandShortHelp, usageErrorMessage } from './usage-error.js';

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
      const { runGradeWebhookCommand } = await import('./commands/grade-webhook.js');
      return (argv, io) =>
        runGradeWebhookCommand(argv, {
          stdout: (text) => io.out(text.replace(/\n$/, '')),
          stderr: (text) => io.err(text.replace(/\n$/, '')),
        });
    },
  },
  'grade-client': {
    summary: "grade-client -- <cmd>   grade your own API client's retries, timeouts, idempotency and paging",
    load: async () => (await import('./commands/grade-client.js')).runGradeClientCommand,
  },
  observe: {
    summary: 'observe --upstream URL  record and judge your own flow against sandbox through a fault-injecting proxy',
    load: async () => (await import('./commands/observe.js')).runObserveCommand,
  },
  'verify-provider': {
    summary: 'verify-provider         verify pacts against a provider (default: the embedded mock)',
    load: async () => (await import('./commands/verify-provider.js')).runVerifyProviderCommand,
  },
  'publish-pacts': {
    summary: 'publish-pacts           publish pact files to a Pact Broker (pact-broker publish)',
    load: async () => (await import('./commands/publish-pacts.js')).runPublishPactsCommand,
  },
  'can-i-deploy': {
    summary: 'can-i-deploy            ask a Pact Broker whether a version can be deployed',
    load: async () => (await import('./commands/can-i-deploy.js')).runCanIDeployCommand,
  },
  'mock-image': {
    summary: 'mock-image build        build the reference mock image from this installed package (Docker)',
    load: async () => (await import('./commands/mock-image.js')).runMockImageCommand,
  },
  contract: {
    summary: 'contract hash           print the contract hash of the shipped (or a given) OpenAPI',
    load: async () => {
      const { runContractCommand } = await import('./commands/contract.js');
      return (argv, io) => runContractCommand(argv, io.out);
    },
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

/** Loads the command and runs it on its raw arguments, mapping bad input and missing peers to exit 2. */
async function runCommand(name: string, args: readonly string[], io: CliIo): Promise<number> {
  const command = commands[name];
  if (!command) return ExitCode.usage;
  try {
    return await (await command.load())(expandShortHelp(args), io);
  } catch (error) {
    const usageMessage = usageErrorMessage(error);
    if (usageMessage !== null) {
      io.err(usageMessage);
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

const unknownCommand = (name: string): string => {
  const prefixed = Object.keys(commands).filter((known) => known.startsWith(name));
  const suggestion = prefixed.length === 1 ? prefixed[0] : closestName(name, Object.keys(commands));
  return `Unknown command "${name}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}\n\n${usage()}`;
};

/**
 * The program for everything but a known command name first (runCli runs those directly): commander
 * answers `--version`/`-v`, `--help`/`-h` and `help <command>`, and refuses unknown commands and
 * options. Each command gets the arguments after its name exactly
 * as typed (options, `--` and the partner's own command included) and parses them itself, so a
 * command is one `commands` entry: a summary and a lazy `load` of `(argv, io) => exit code`.
 */
function program(
  Command: typeof CommanderCommand,
  argv: readonly string[],
  io: CliIo,
  exit: { code: number },
): CommanderCommand {
  const cli = new Command('dutyclaims-launch')
    .version(packageVersion(), '-v, --version')
    .helpOption('-h, --help')
    .helpCommand(false)
    .enablePositionalOptions()
    .configureHelp({ formatHelp: () => usage() })
    .configureOutput({
      writeOut: (text) => io.out(text.replace(/\n$/, '')),
      writeErr: (text) => io.err(text.replace(/\n$/, '')),
      // Errors are worded below, with a suggestion and the usage.
      outputError: () => undefined,
    })
    .exitOverride();
  const rest = argv.slice(1);
  for (const name of Object.keys(commands))
    cli
      .command(name)
      .helpOption(false)
      .allowUnknownOption()
      .allowExcessArguments()
      .passThroughOptions()
      .action(async () => {
        exit.code = await runCommand(name, rest, io);
      });
  // `help <command>` is `<command> --help`; `version` is `--version`.
  cli
    .command('help')
    .argument('[command]')
    .allowExcessArguments()
    .action(async (name: string | undefined) => {
      if (name === undefined) io.out(usage());
      else if (commands[name]) exit.code = await runCommand(name, ['--help'], io);
      else {
        io.err(unknownCommand(name));
        exit.code = ExitCode.usage;
      }
    });
  cli.command('version').action(() => io.out(packageVersion()));
  return cli;
}

/** Runs the CLI with the given arguments and returns the exit code (0 ok, 1 failed, 2 usage). */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  if (argv.length === 0) {
    io.out(usage());
    return ExitCode.usage;
  }
  // A command's arguments go to it as typed (see program), so a known command name needs no parsing
  // here: commander loads only for the rest (help, version, typos), ~40 ms a command does not pay.
  const [name = '', ...rest] = argv;
  if (Object.hasOwn(commands, name)) return runCommand(name, rest, io);
  // The two most typed answers need no parsing either: the same text commander prints for them.
  if (argv.length === 1 && (name === '--help' || name === '-h')) {
    io.out(usage());
    return ExitCode.ok;
  }
  if (argv.length === 1 && (name === '--version' || name === '-v')) {
    io.out(packageVersion());
    return ExitCode.ok;
  }
  const { Command, CommanderError } = await import('commander');
  const exit = { code: ExitCode.ok as number };
  try {
    await program(Command, argv, io, exit).parseAsync([...argv], { from: 'user' });
    return exit.code;
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.code === 'commander.version' || error.code === 'commander.helpDisplayed') return ExitCode.ok;
    if (error.code === 'commander.unknownCommand') io.err(unknownCommand(argv[0] ?? ''));
    else io.err(`${error.message.replace(/^error: (\w)/, (_, first: string) => first.toUpperCase())}.\n\n${usage()}`);
    return ExitCode.usage;
  }
}
