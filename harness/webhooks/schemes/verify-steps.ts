import { DEFAULT_TOLERANCE_SECONDS } from '../dutyclaims.js';
import { WebhookVerificationError } from '../errors.js';

/** Parses a header holding whole unix seconds; throws WEBHOOK_HEADER_MALFORMED otherwise. */
export function parseUnixSeconds(value: string, headerName: string): number {
  if (!/^\d{1,12}$/.test(value.trim()))
    throw new WebhookVerificationError(
      'WEBHOOK_HEADER_MALFORMED',
      `The ${headerName} header is not whole unix seconds. Reject the delivery.`,
    );
  return Number(value.trim());
}

/** Throws when `timestamp` (unix s) is outside `toleranceSeconds` of the clock, in either direction. */
export function checkTimestamp(timestamp: number, toleranceSeconds?: number, now?: () => number): void {
  const tolerance = toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const nowSeconds = Math.floor((now ?? Date.now)() / 1000);
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

/** Throws WEBHOOK_HEADER_MISSING naming the header when `value` is absent or empty. */
export function requireHeader(value: string | undefined, headerName: string): string {
  if (value === undefined || value === '')
    throw new WebhookVerificationError(
      'WEBHOOK_HEADER_MISSING',
      `The ${headerName} header is missing. Reject the delivery.`,
    );
  return value;
}

/** Throws WEBHOOK_NO_SECRET when the receiver holds no secret. */
export function requireSecrets(secrets: readonly string[]): readonly string[] {
  if (secrets.length === 0)
    throw new WebhookVerificationError(
      'WEBHOOK_NO_SECRET',
      'No signing secret was given to verify with. Load the endpoint secret from your secret store.',
    );
  return secrets;
}

/** The WEBHOOK_SIGNATURE_MISMATCH error, with advice on the usual causes. */
export function signatureMismatch(timestamp: number): WebhookVerificationError {
  return new WebhookVerificationError(
    'WEBHOOK_SIGNATURE_MISMATCH',
    'No signature matches the raw body with the given secret(s). Verify the raw bytes, not re-serialised JSON, and check the secret.',
    timestamp,
  );
}
