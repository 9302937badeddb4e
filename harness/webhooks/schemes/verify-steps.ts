export { checkTimestamp, requireSecrets } from '../checks.js';

import { UNIX_SECONDS } from '../checks.js';
import { WebhookVerificationError } from '../errors.js';

/** Parses a header holding whole unix seconds; throws WEBHOOK_HEADER_MALFORMED otherwise. */
export function parseUnixSeconds(value: string, headerName: string): number {
  if (!UNIX_SECONDS.test(value.trim()))
    throw new WebhookVerificationError(
      'WEBHOOK_HEADER_MALFORMED',
      `The ${headerName} header is not whole unix seconds without leading zeros. Reject the delivery.`,
    );
  return Number(value.trim());
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

/** The WEBHOOK_SIGNATURE_MISMATCH error, with advice on the usual causes. */
export function signatureMismatch(timestamp: number): WebhookVerificationError {
  return new WebhookVerificationError(
    'WEBHOOK_SIGNATURE_MISMATCH',
    'No signature matches the raw body with the given secret(s). Verify the raw bytes, not re-serialised JSON, and check the secret.',
    timestamp,
  );
}
