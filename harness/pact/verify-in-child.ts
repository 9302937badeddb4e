import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { VerifyProviderOptions } from './verify-options.js';
import type { ProviderVerificationResult } from './verify-provider.js';

/** What the child sends back: the result, or the error's own fields (name, code, failures...). */
export type ChildOutcome =
  | { readonly passed: true; readonly result: ProviderVerificationResult }
  | { readonly passed: false; readonly error: { readonly name: string; readonly message: string } };

const entry = fileURLToPath(
  new URL(`./verify-child.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url),
);

/** From the TypeScript sources (tests, tsx), the child needs the tsx loader too. */
const execArgv = (): string[] =>
  entry.endsWith('.ts') && !process.execArgv.some((arg) => arg.includes('tsx'))
    ? [...process.execArgv, '--import', 'tsx']
    : [...process.execArgv];

/** An Error carrying the child's error fields, so the `isXError` guards (they check `name`) still work. */
const revive = (data: { name: string; message: string }): Error => Object.assign(new Error(data.message), data);

/**
 * `verifyProvider(options)` in a child process whose standard output is this process's standard
 * error. Pact's native verifier writes its report straight to file descriptor 1, past any JavaScript
 * stream; this keeps that report visible (on stderr) while stdout carries only what the caller prints,
 * e.g. the one JSON object of `verify-provider --json`. Options travel over the IPC channel, never in
 * argv, so credentials do not show in a process list.
 */
export function verifyProviderInChild(options: VerifyProviderOptions): Promise<ProviderVerificationResult> {
  return new Promise((resolve, reject) => {
    const child = fork(entry, [], { execArgv: execArgv(), stdio: ['ignore', 2, 2, 'ipc'], serialization: 'advanced' });
    let outcome: ChildOutcome | undefined;
    child.on('message', (message) => {
      outcome = message as ChildOutcome;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (outcome?.passed === true) resolve(outcome.result);
      else if (outcome !== undefined) reject(revive(outcome.error));
      else reject(new Error(`The provider verification process ended (${signal ?? `exit ${code}`}) without a result.`));
    });
    child.send(options);
  });
}
