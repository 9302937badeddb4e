import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONTRACT_PIN } from '../../harness/contract/index.js';
import { CONSUMER_INTERACTIONS } from '../../harness/pact/index.js';
import { startReferenceMock } from '../../harness/reference-mock/index.js';
import { PACT_DIR } from '../pact/pact-dir.js';

const CLI = fileURLToPath(new URL('../../harness/cli/main.ts', import.meta.url));

/** `dutyclaims-launch verify-provider <args>` as a shell runs it: its stdout and stderr as they were written. */
function runCli(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'verify-provider', ...args], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('verify-provider --json from a shell', () => {
  it('prints only the JSON object on stdout; the verifier report goes to stderr', async () => {
    const passed = await runCli(['--pact-dir', PACT_DIR, '--json']);
    expect(passed.code).toBe(0);
    const lines = passed.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      verified: true,
      interactions: CONSUMER_INTERACTIONS.length,
      providerContractHash: CONTRACT_PIN.hash,
      pacts: [expect.objectContaining({ contractHash: CONTRACT_PIN.hash })],
    });
    expect(passed.stderr).toContain('Verifying a pact between');
  });

  it('prints only the failure object on stdout when the provider deviates', async () => {
    await using mock = await startReferenceMock({ deviations: { dropResponseHeaders: ['DutyClaims-Environment'] } });
    const failed = await runCli([
      '--pact-dir',
      PACT_DIR,
      '--provider-base-url',
      mock.url,
      '--reference-mock',
      '--json',
    ]);
    expect(failed.code).toBe(1);
    const lines = failed.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const outcome = JSON.parse(lines[0] ?? '') as { verified: boolean; code: string; failures: unknown[] };
    expect(outcome).toMatchObject({ verified: false, code: 'DC_ERR_PACT_VERIFICATION' });
    expect(outcome.failures).toHaveLength(CONSUMER_INTERACTIONS.length);
    expect(failed.stderr).toContain(`There were ${CONSUMER_INTERACTIONS.length} pact failures`);
  });
});
