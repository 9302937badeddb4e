/** Which check of a webhook signature failed. Stable: programs branch on it. */
export type WebhookVerificationCode =
  | 'WEBHOOK_HEADER_MISSING'
  | 'WEBHOOK_HEADER_MALFORMED'
  | 'WEBHOOK_NO_SIGNATURES'
  | 'WEBHOOK_TIMESTAMP_TOO_OLD'
  | 'WEBHOOK_TIMESTAMP_IN_FUTURE'
  | 'WEBHOOK_SIGNATURE_MISMATCH'
  | 'WEBHOOK_NO_SECRET';

/** A delivery failed verification; `code` says which check, the message says what to do. */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError' as const;
  readonly code: WebhookVerificationCode;
  /** The signed timestamp (unix seconds) when the header could be parsed. */
  readonly timestamp: number | undefined;

  constructor(code: WebhookVerificationCode, message: string, timestamp?: number) {
    super(message);
    this.code = code;
    this.timestamp = timestamp;
  }
}

/** True for a WebhookVerificationError from any copy of this module. */
export const isWebhookVerificationError = (error: unknown): error is WebhookVerificationError =>
  error instanceof Error && error.name === 'WebhookVerificationError';
