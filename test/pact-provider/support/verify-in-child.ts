/**
 * Runs one provider verification in this child process, so that what Pact's native verifier prints
 * (it writes straight to file descriptor 1, past any JavaScript stream) stays in the parent's buffer.
 * Argument 1: the request as JSON; argument 2: the file the outcome is written to as JSON.
 */
import { writeFileSync } from 'node:fs';
import { runVerifyProviderCommand, verifyProvider } from '../../../harness/pact/index.js';
import type { VerificationRequest } from './captured-verification.js';

const [requestJson, resultFile] = process.argv.slice(2);
const request = JSON.parse(requestJson ?? '{}') as VerificationRequest;

/** An error's own fields (name, code, failures, hashes...) and its message, as plain data. */
const serializeError = (error: unknown) =>
  error instanceof Error
    ? { ...error, name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };

let outcome: unknown;
if (request.kind === 'api') {
  try {
    outcome = { passed: true, result: await verifyProvider(request.options) };
  } catch (error) {
    outcome = { passed: false, error: serializeError(error) };
  }
} else {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (line: string) => out.push(line), err: (line: string) => err.push(line) };
  const code = await runVerifyProviderCommand(request.argv, io, request.env ?? {});
  outcome = { code, out, err };
}
writeFileSync(resultFile ?? '', JSON.stringify(outcome));
