import { setTimeout as sleep } from 'node:timers/promises';
import { type ErrorCode, ErrorCodes, Headers } from '../contract/index.js';
import type { FaultSpec } from './faults.js';
import { ApiProblem } from './problem.js';

/** Statuses a `status` fault may take: every status of the error catalog, plus 502 and 504. */
export const FAULT_STATUSES: readonly number[] = [
  ...new Set([...Object.values(ErrorCodes).map((spec) => spec.status), 502, 504]),
].sort((a, b) => a - b);

const DEFAULT_DELAY_MS = 1000;
const DEFAULT_RETRY_AFTER_SECONDS = 1;

/** The error code a faulted status is reported with (5xx without an own code: service_unavailable). */
export function errorCodeForStatus(status: number): ErrorCode {
  if (status === 500) return 'internal_error';
  if (status === 503 || status === 502 || status === 504) return 'service_unavailable';
  if (status === 429) return 'rate_limited';
  const found = (Object.keys(ErrorCodes) as ErrorCode[]).find((code) => ErrorCodes[code].status === status);
  return found ?? 'internal_error';
}

/**
 * The problem a `status` or `rate_limit` fault answers with (429 and 5xx from 502 carry Retry-After);
 * the fault may name the envelope's code and retry strategy.
 */
export function faultProblem(fault: FaultSpec): ApiProblem {
  const status =
    fault.kind === 'rate_limit'
      ? 429
      : (fault.status ?? (fault.errorCode === undefined ? 500 : ErrorCodes[fault.errorCode].status));
  const code = fault.errorCode ?? errorCodeForStatus(status);
  const retryAfter = String(fault.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS);
  const needsRetryAfter = status === 429 || status >= 502;
  return new ApiProblem(code, {
    status,
    ...(fault.retryStrategy === undefined ? {} : { retryStrategy: fault.retryStrategy }),
    ...(needsRetryAfter ? { headers: { [Headers.retryAfter]: retryAfter } } : {}),
  });
}

/** Waits out a `delay` fault in real time; resolves false if `stop` aborted meanwhile (the mock closed or the client left). */
export async function waitOutDelay(fault: FaultSpec, stop: AbortSignal): Promise<boolean> {
  try {
    await sleep(fault.delayMs ?? DEFAULT_DELAY_MS, undefined, { signal: stop });
    return true;
  } catch {
    return false;
  }
}
