import { parseArgs } from 'node:util';
import { driftSection, driftStopsCutover } from '../../drift/drift-section.js';
import { isPacketFileError } from '../../drift/errors.js';
import { readPacketFile } from '../../drift/read-packet.js';
import { describeChange, driftHeadline } from '../../packet/watch-text.js';
import type { CliIo } from '../cli-io.js';
import { ExitCode, UsageError } from '../usage-error.js';

export const diffUsage = `Usage: dutyclaims-launch diff BEFORE.json AFTER.json [options]

Compares two launch packets (launch-packet.json): contract hash and version, environment, per-family
availability, credential shapes and scopes, granted scopes, response headers, error codes, rate limits,
latency and webhook delivery health.

Options:
  --parity                 BEFORE is the sandbox packet, AFTER the production one: report every difference
                           other than host, environment and credentials (the checklist's parity)
  --latency-factor N       a p50/p95 regresses when it grows by more than N times (default 1.5)
  --json                   print the comparison as JSON

Exit codes:
  0  no change that stops the cutover
  1  a change stops the cutover (contract, auth semantics, webhook delivery, a route family no longer usable)
  2  a file is unreadable or not a launch packet, or the arguments are wrong`;

/** `diff`: compares two packets and exits 1 when the drift stops the cutover. */
export async function runDiffCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      parity: { type: 'boolean', default: false },
      'latency-factor': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    io.out(diffUsage);
    return ExitCode.ok;
  }
  const [beforeFile, afterFile, ...extra] = positionals;
  if (beforeFile === undefined || afterFile === undefined || extra.length > 0)
    throw new UsageError(`diff needs exactly two packet files, got ${positionals.length}.\n\n${diffUsage}`);
  const factor = values['latency-factor'] === undefined ? undefined : Number(values['latency-factor']);
  if (factor !== undefined && !(factor > 1))
    throw new UsageError(
      `--latency-factor must be a number above 1, got "${values['latency-factor']}". Example: --latency-factor 1.5.`,
    );
  const read = await Promise.allSettled([readPacketFile(beforeFile), readPacketFile(afterFile)]);
  const problems = read.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  for (const problem of problems) if (!isPacketFileError(problem)) throw problem;
  if (problems.length > 0) throw new UsageError(problems.map((problem) => (problem as Error).message).join('\n'));
  const [before, after] = read.map((result) => (result.status === 'fulfilled' ? result.value : null));
  if (!before || !after) throw new Error('unreachable: both packets were read');
  const section = driftSection(before, beforeFile, after, {
    mode: values.parity ? 'parity' : 'baseline',
    ...(factor === undefined ? {} : { latencyFactor: factor }),
  });
  if (values.json) io.out(JSON.stringify(section, null, 2));
  else {
    io.out(driftHeadline(section));
    for (const change of section.changes) io.out(`  ${change.stopsCutover ? '✗' : '–'} ${describeChange(change)}`);
  }
  return driftStopsCutover(section) ? ExitCode.failed : ExitCode.ok;
}
