/**
 * The child of `verifyProviderInChild`: takes one set of verification options over IPC, runs the
 * verification, sends back the result or the error's fields, and exits.
 */
import type { ChildOutcome } from './verify-in-child.js';
import type { VerifyProviderOptions } from './verify-options.js';
import { verifyProvider } from './verify-provider.js';

const serializeError = (error: unknown) =>
  error instanceof Error
    ? { ...error, name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };

process.once('message', async (options) => {
  let outcome: ChildOutcome;
  try {
    outcome = { passed: true, result: await verifyProvider(options as VerifyProviderOptions) };
  } catch (error) {
    outcome = { passed: false, error: serializeError(error) };
  }
  // Exit once the outcome is sent: the verifier may leave native threads that would keep us alive.
  process.send?.(outcome, () => process.exit(0));
});
