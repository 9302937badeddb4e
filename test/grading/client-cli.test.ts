import { describe, expect, it } from 'vitest';
import { pythonClientCommand } from '../../examples/partner-clients/src/commands.js';
import { runGradeClientCommand } from '../../harness/grading/client/index.js';
import { GradeReport } from '../../harness/grading/shared/index.js';
import { derivePersonas } from '../../harness/reference-mock/index.js';
import { hasPython, needsPython } from './support/python.js';

const apiKey = derivePersonas('dutyclaims-reference-mock').sandbox.apiKey;

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runGradeClientCommand(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe.concurrent('dutyclaims-launch grade-client', () => {
  it.skipIf(!hasPython)(
    needsPython('exits 0 when every check passes and prints the table'),
    async () => {
      const result = await run(['--timeout-ms', '500', '--max-concurrency', '4', '--', ...pythonClientCommand()]);
      expect(result.code, result.stdout).toBe(0);
      expect(result.stdout).toContain('12 checks: 12 pass, 0 fail, 0 not graded');
      expect(result.stderr).toBe('');
    },
    30_000,
  );

  it.skipIf(!hasPython)(
    needsPython('exits 1 when a check fails and prints the journal lines that prove it with --evidence'),
    async () => {
      const argv = ['--timeout-ms', '500', '--max-concurrency', '4', '--evidence', '--'];
      const result = await run([...argv, ...pythonClientCommand(['retry-4xx'])]);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/FAIL\s+no-retry-on-4xx\s+retried 409 on POST \/v1\/clients/);
      expect(result.stdout).toMatch(/- retried by #\d+ t\+\d+ms POST \/v1\/clients -> 409 client_already_exists/);
    },
    30_000,
  );

  it('grades any command: a shell one-liner that fails is reported, with its output and the key shortened', async () => {
    const script = 'echo "calling $DUTYCLAIMS_BASE_URL with $DUTYCLAIMS_API_KEY" >&2; exit 3';
    const result = await run(['--json', '--verbose', '--', 'sh', '-c', script]);
    expect(result.code).toBe(1);
    const report = GradeReport.parse(JSON.parse(result.stdout));
    const completed = report.checks.find((check) => check.id === 'scenario-completed');
    expect(completed?.verdict).toBe('fail');
    expect(completed?.reason).toMatch(/exited 3.*missing from the journal: step 1/);
    expect(report.checks.filter((check) => check.verdict === 'pass')).toEqual([]);
    expect(result.stderr).toMatch(/\[stderr\] calling http:\/\/127\.0\.0\.1:\d+ with dc_test_\w+…/);
    expect(result.stdout + result.stderr).not.toContain(apiKey);
  }, 30_000);

  it('stops a command that outlives --command-timeout-ms and says so', async () => {
    const result = await run(['--command-timeout-ms', '1000', '--', 'sleep', '30']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/FAIL\s+scenario-completed\s+the command did not finish within the command timeout/);
  }, 30_000);

  it('reports a command that cannot start', async () => {
    const result = await run(['--', 'no-such-client-4711']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('could not start (ENOENT)');
  }, 30_000);

  it.each([
    [['--timeout-ms', '500'], /after "--"/],
    [['--', ''], /Give the command/],
    [['--timeout-ms', '5s', '--', 'x'], /--timeout-ms takes a whole number/],
    [['--page-size', '0', '--', 'x'], /pageSize must be a whole number from 1 to 100/],
    [['python3', 'client.py'], /Put the command after "--"/],
    [['--bogus', '--', 'x'], /bogus/],
  ])('exits 2 with advice for bad usage %j', async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('prints usage with --help', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: dutyclaims-launch grade-client [options] -- <command> [args...]');
  });
});
