import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFailed } from 'vitest';
import type { ProviderVerificationResult, VerifyProviderOptions } from '../../../harness/pact/index.js';

/** One verification for the child: the API with JSON-serialisable options, or the CLI command. */
export type VerificationRequest =
  | { readonly kind: 'api'; readonly options: VerifyProviderOptions }
  | {
      readonly kind: 'cli';
      readonly argv: readonly string[];
      readonly env?: Readonly<Record<string, string>>;
    };

const CHILD = fileURLToPath(new URL('./verify-in-child.ts', import.meta.url));

/**
 * Runs the verification in a child process and keeps everything Pact's verifier prints (hundreds of
 * lines per run, "There were 22 pact failures" for a deviation a test expects) in a buffer. The
 * buffer is printed only when the calling test fails, so a green `npm test` stays quiet and a red
 * one still shows the verifier's own account.
 */
async function runCaptured(request: VerificationRequest): Promise<{ outcome: unknown; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'dc-verify-'));
  const resultFile = join(dir, 'outcome.json');
  const chunks: string[] = [];
  onTestFailed(() => {
    console.log(`Pact verifier output of the failed test (captured):\n${chunks.join('')}`);
  });
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(request), resultFile], {
        env: { ...process.env, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => chunks.push(chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => chunks.push(chunk));
      child.on('error', reject);
      child.on('close', resolve);
    });
    if (code !== 0) throw new Error(`The verification child exited ${code}:\n${chunks.join('')}`);
    return { outcome: JSON.parse(readFileSync(resultFile, 'utf8')), output: chunks.join('') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An Error carrying the child's error fields, so the `isXError` guards (they check `name`) work. */
const revive = (data: { name: string; message: string }) => Object.assign(new Error(data.message), data);

/** `verifyProvider(options)` with the verifier's output captured; resolves or rejects as it would. */
export async function verifyProviderCaptured(options: VerifyProviderOptions): Promise<ProviderVerificationResult> {
  const { outcome } = (await runCaptured({ kind: 'api', options })) as {
    outcome:
      | { passed: true; result: ProviderVerificationResult }
      | { passed: false; error: { name: string; message: string } };
  };
  if (outcome.passed) return outcome.result;
  throw revive(outcome.error);
}

/**
 * `dutyclaims-launch verify-provider <argv>` with the verifier's output captured: the command's own
 * lines in `out` and `err`, what the native verifier printed in `verifierOutput`.
 */
export async function runVerifyProviderCaptured(
  argv: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<{ code: number; out: string[]; err: string[]; verifierOutput: string }> {
  const { outcome, output } = await runCaptured({ kind: 'cli', argv, env });
  return { ...(outcome as { code: number; out: string[]; err: string[] }), verifierOutput: output };
}
