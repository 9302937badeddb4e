import { parseArgs } from 'node:util';
import { isClientGradeConfigError } from '../../grading/client/errors.js';
import { gradeClient } from '../../grading/client/grade.js';
import type { ClientGradeOptions } from '../../grading/client/options.js';
import { renderGradeReport } from '../../grading/shared/render.js';
import { gradeExitCode } from '../../grading/shared/report.js';

/** Where the command writes, one line (or block of lines) per call; the main CLI's `CliIo` fits. */
export interface GradeClientCommandIo {
  out(line: string): void;
  err(line: string): void;
}

export const GRADE_CLIENT_USAGE = `Usage: dutyclaims-launch grade-client [options] -- <command> [args...]

Starts the reference mock with a fault schedule, runs your client's command against it and grades
the request journal: same Idempotency-Key on retried writes, Retry-After, growing jittered backoff,
no retry of 4xx, timeouts, X-Correlation-Id, pagination to the end and bounded concurrency.
The scenario your command must run is in examples/partner-clients/SCENARIO.md.

  --timeout-ms MS           the request timeout your client uses (grades the hung read)
  --max-concurrency N       the most requests your client keeps in flight (grades the fan-out)
  --max-retries N           the most retries of one operation (default 6)
  --max-backoff-ms MS       your backoff cap (default 10000)
  --command-timeout-ms MS   stop the command after this long (default 60000)
  --page-size N             the list limit handed over in DUTYCLAIMS_PAGE_SIZE (default 5)
  --expect-traceparent      also grade that every request carries a valid W3C traceparent (check "traceparent")
  --json                    print the report as JSON
  --evidence                print each check's evidence (journal lines) under it
  --verbose                 echo the command's output on stderr (the API key shortened)
  --help                    show this text

The command runs without a shell, with DUTYCLAIMS_BASE_URL, DUTYCLAIMS_API_KEY,
DUTYCLAIMS_PARTNER_ORG_ID and the scenario's inputs in its environment.
Exit status: 0 every graded check passed, 1 a check failed, 2 bad usage.`;

class UsageError extends Error {
  override readonly name = 'UsageError' as const;
}

const wholeNumber = (flag: string, value: string | undefined) => {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} takes a whole number, e.g. ${flag} 500; got "${value}".`);
  return Number(value);
};

function parse(argv: readonly string[]) {
  const split = argv.indexOf('--');
  const { values, positionals } = parseArgs({
    args: split < 0 ? [...argv] : argv.slice(0, split),
    strict: true,
    allowPositionals: true,
    options: {
      'timeout-ms': { type: 'string' },
      'max-concurrency': { type: 'string' },
      'max-retries': { type: 'string' },
      'max-backoff-ms': { type: 'string' },
      'command-timeout-ms': { type: 'string' },
      'page-size': { type: 'string' },
      'expect-traceparent': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      evidence: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return { help: true as const };
  if (positionals.length > 0)
    throw new UsageError(`Put the command after "--", e.g. -- ${positionals.join(' ')}; got it before.`);
  const command = split < 0 ? [] : argv.slice(split + 1);
  if (command.length === 0)
    throw new UsageError('Give the command that runs your client after "--", e.g. -- python3 client.py.');
  const numbers = {
    timeoutMs: wholeNumber('--timeout-ms', values['timeout-ms']),
    maxConcurrency: wholeNumber('--max-concurrency', values['max-concurrency']),
    maxRetries: wholeNumber('--max-retries', values['max-retries']),
    maxBackoffMs: wholeNumber('--max-backoff-ms', values['max-backoff-ms']),
    commandTimeoutMs: wholeNumber('--command-timeout-ms', values['command-timeout-ms']),
    pageSize: wholeNumber('--page-size', values['page-size']),
  };
  const options: Omit<ClientGradeOptions, 'onOutput'> = {
    command,
    ...Object.fromEntries(Object.entries(numbers).filter(([, value]) => value !== undefined)),
    ...(values['expect-traceparent'] ? { expectTraceparent: true } : {}),
  };
  return { help: false as const, options, json: values.json, evidence: values.evidence, verbose: values.verbose };
}

/**
 * Runs `grade-client` with the given arguments (without the command name) and returns the exit
 * status: 0 all graded checks passed, 1 a check failed, 2 bad usage.
 * @example process.exitCode = await runGradeClientCommand(['--timeout-ms', '500', '--', 'python3', 'client.py'], io)
 */
export async function runGradeClientCommand(argv: readonly string[], io: GradeClientCommandIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.err(`grade-client: ${(error as Error).message}\n\n${GRADE_CLIENT_USAGE}`);
    return 2;
  }
  if (parsed.help) {
    io.out(GRADE_CLIENT_USAGE);
    return 0;
  }
  try {
    const report = await gradeClient({
      ...parsed.options,
      ...(parsed.verbose ? { onOutput: (stream, line) => io.err(`[${stream}] ${line}`) } : {}),
    });
    io.out(
      parsed.json
        ? JSON.stringify(report, null, 2)
        : renderGradeReport(report, { evidence: parsed.evidence }).trimEnd(),
    );
    return gradeExitCode(report);
  } catch (error) {
    if (!isClientGradeConfigError(error)) throw error;
    io.err(`grade-client: ${error.message}`);
    return 2;
  }
}
