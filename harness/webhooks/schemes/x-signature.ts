import { createHexHmacScheme } from './hex-hmac-scheme.js';
import type { WebhookScheme } from './scheme.js';

/** The message the x-signature scheme signs unless told otherwise. */
export const X_SIGNATURE_DEFAULT_MESSAGE_TEMPLATE = '{timestamp}.{body}';

export interface XSignatureSchemeOptions {
  /** The signed message, e.g. `{timestamp}.{body}` (default) or `{eventId}.{timestamp}.{body}`. */
  readonly messageTemplate?: string;
}

/**
 * The `X-Signature` timestamped hex HMAC, with `X-Timestamp` and `X-Event-ID`. ASSUMPTION: the
 * provider's checklist names the headers but not the algorithm; we take hex HMAC-SHA256 over `${timestamp}.${body}` (raw bytes) and make the
 * message a parameter so a provider's real format can be plugged in.
 * @example createXSignatureScheme({ messageTemplate: '{eventId}.{timestamp}.{body}' })
 */
export function createXSignatureScheme(options: XSignatureSchemeOptions = {}): WebhookScheme {
  const messageTemplate = options.messageTemplate ?? X_SIGNATURE_DEFAULT_MESSAGE_TEMPLATE;
  return createHexHmacScheme({
    id: 'x-signature',
    title: `x-signature (X-Signature hex HMAC of ${messageTemplate})`,
    signatureHeader: 'X-Signature',
    timestampHeader: 'X-Timestamp',
    eventIdHeader: 'X-Event-ID',
    messageTemplate,
  });
}

/** The x-signature scheme with the default message template. */
export const xSignatureScheme: WebhookScheme = createXSignatureScheme();
