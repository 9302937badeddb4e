import { WebhookVerificationError } from './errors.js';

/**
 * Whole unix seconds in their one canonical spelling: decimal digits, no sign, no leading zero
 * (`0123` would sign the same instant under a second spelling), at most 12 digits.
 */
export const UNIX_SECONDS = /^(?:0|[1-9]\d{0,11})$/;

/** Default tolerance between the signed timestamp and the receiver's clock, in seconds. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/**
 * Throws when `timestamp` (unix s) is outside `toleranceSeconds` of the clock, in either direction.
 * A tolerance or clock that is not a finite number is a programming error (a NaN would silently
 * turn replay protection off), so it throws RangeError rather than letting every delivery through.
 */
export function checkTimestamp(timestamp: number, toleranceSeconds?: number, now?: () => number): void {
  const tolerance = toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (!Number.isFinite(tolerance) || tolerance < 0) {
    throw new RangeError(`toleranceSeconds must be a finite number >= 0, got ${tolerance}.`);
  }
  const nowMs = (now ?? Date.now)();
  if (!Number.isFinite(nowMs)) throw new RangeError(`The clock returned ${nowMs}; it must return epoch milliseconds.`);
  const nowSeconds = Math.floor(nowMs / 1000);
  if (timestamp < nowSeconds - tolerance)
    throw new WebhookVerificationError(
      'WEBHOOK_TIMESTAMP_TOO_OLD',
      `The delivery was signed ${nowSeconds - timestamp} s ago, more than the ${tolerance} s tolerance. Possible replay: reject it.`,
      timestamp,
    );
  if (timestamp > nowSeconds + tolerance)
    throw new WebhookVerificationError(
      'WEBHOOK_TIMESTAMP_IN_FUTURE',
      `The delivery is signed ${timestamp - nowSeconds} s in the future, beyond the ${tolerance} s tolerance. Check the receiver's clock.`,
      timestamp,
    );
}

/**
 * Throws WEBHOOK_NO_SECRET when the receiver holds no secret, or an empty one: an unset environment
 * variable must never turn into a key that anyone can sign with.
 */
export function requireSecrets(secrets: readonly string[]): readonly string[] {
  if (secrets.length === 0 || secrets.some((secret) => typeof secret !== 'string' || secret.length === 0))
    throw new WebhookVerificationError(
      'WEBHOOK_NO_SECRET',
      'No usable signing secret was given to verify with (none, or an empty one). Load the endpoint secret from your secret store.',
    );
  return secrets;
}
