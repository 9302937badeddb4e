import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runPartnerCommand } from './run-command.js';

const run = (command: [string, ...string[]], timeoutMs = 10_000, env: Record<string, string> = {}) => {
  const seen: string[] = [];
  const outcome = runPartnerCommand({
    command,
    env: { PATH: process.env.PATH ?? '', ...env },
    cwd: null,
    timeoutMs,
    killGraceMs: 200,
    redact: (line) => line.replaceAll('dc_test_secretsecretsecret', 'dc_test_sec…'),
    onOutput: (stream, line) => seen.push(`${stream}: ${line}`),
  });
  return { outcome, seen };
};

/** Processes (zombies excluded: killed, not yet reaped) whose command line contains `marker`. */
const running = (marker: string) =>
  execFileSync('ps', ['-eo', 'stat=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(marker) && !line.trimStart().startsWith('Z'));

describe('runPartnerCommand', () => {
  it('runs without a shell and reports the exit code and output, secrets redacted', async () => {
    const { outcome, seen } = run(['sh', '-c', 'echo "key $KEY"; echo oops >&2; exit 3'], 10_000, {
      KEY: 'dc_test_secretsecretsecret',
    });
    const result = await outcome;
    expect(result).toMatchObject({ exitCode: 3, signal: null, timedOut: false, spawnError: null });
    expect(result.stdoutTail).toEqual(['key dc_test_sec…']);
    expect(result.stderrTail).toEqual(['oops']);
    expect(seen).toContain('stdout: key dc_test_sec…');
    expect(JSON.stringify(result)).not.toContain('secretsecret');
  });

  it('passes arguments verbatim (no shell expansion)', async () => {
    const { outcome } = run(['node', '-e', 'console.log(process.argv[1])', '$HOME *']);
    expect((await outcome).stdoutTail).toEqual(['$HOME *']);
  });

  it('stops a command that outlives the timeout, children included', async () => {
    // The child and grandchild would run for ten minutes and the grandchild holds the output pipe: if
    // the timeout or the group stop failed, the outcome would not settle and the test would time out.
    const marker = `run-command-test-${process.pid}-${Date.now()}`;
    const { outcome } = run(['sh', '-c', 'sh -c "sleep 600; :" "$0" & sleep 600; wait', marker], 300);
    const result = await outcome;
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBeNull();
    expect(running(marker), 'a process of the stopped command still runs').toEqual([]);
  });

  it('leaves no signal handler behind once the command has ended', async () => {
    const before = ['SIGINT', 'SIGTERM', 'SIGHUP'].map((signal) => process.listenerCount(signal));
    await run(['node', '-e', '']).outcome;
    await run(['sh', '-c', 'sleep 30'], 200).outcome;
    expect(['SIGINT', 'SIGTERM', 'SIGHUP'].map((signal) => process.listenerCount(signal))).toEqual(before);
  });

  it('reports a command that cannot start', async () => {
    const { outcome } = run(['definitely-not-a-command-4711']);
    expect(await outcome).toMatchObject({ spawnError: 'ENOENT', exitCode: null, timedOut: false });
  });
});
