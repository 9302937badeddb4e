import { AssertionError } from 'node:assert';
import { type DutyClaimsApiError, isDutyClaimsApiError } from '../client/errors.js';
import { type ErrorCode, ErrorCodes } from '../contract/error-codes.js';

/** Throws an AssertionError with `message` unless `condition` holds. */
export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new AssertionError({ message });
}

/**
 * Awaits a call that must fail with the contract's `code`, and checks what partners branch on: the
 * typed error, its status, retry strategy and request id.
 */
export async function expectApiError(call: Promise<unknown>, code: ErrorCode): Promise<DutyClaimsApiError> {
  let error: unknown;
  try {
    await call;
  } catch (caught) {
    error = caught;
  }
  if (!isDutyClaimsApiError(error)) {
    const got = error === undefined ? 'a success' : `${(error as Error).name}: ${(error as Error).message}`;
    throw new AssertionError({ message: `Expected DutyClaimsApiError ${code}, got ${got}.` });
  }
  const spec = ErrorCodes[code];
  check(error.code === code, `Expected error code ${code}, got ${error.code}.`);
  check(error.status === spec.status, `Expected status ${spec.status} for ${code}, got ${error.status}.`);
  check(
    error.retryStrategy === spec.retryStrategy,
    `Expected retry strategy ${spec.retryStrategy}, got ${error.retryStrategy}.`,
  );
  check(error.requestId !== null, `The ${code} error carries no request id to quote to support.`);
  return error;
}
