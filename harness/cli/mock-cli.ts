// `dutyclaims-launch mock` as the bin runs it (./bin.ts): from inside the standalone mock's bundle, so
// the command starts without Node's ES module loader. The arguments, the errors and the exit code are
// the ones `runCli` gives every command.
import { defaultIo, exitAfterOutput } from './cli-io.js';
import { runMockCommand, type StandaloneMockCode } from './commands/mock.js';
import { ExitCode, expandShortHelp, usageErrorMessage } from './usage-error.js';

/** Runs `mock` on `argv` (the arguments after its name) and exits with its code; `code` is the mock's. */
export async function runMockCli(argv: readonly string[], code: StandaloneMockCode): Promise<never> {
  const io = defaultIo();
  let exitCode: number;
  try {
    exitCode = await runMockCommand(expandShortHelp(argv), io, async () => code);
  } catch (error) {
    const message = usageErrorMessage(error);
    if (message === null) throw error;
    io.err(message);
    exitCode = ExitCode.usage;
  }
  return exitAfterOutput(exitCode);
}
