import { createHexHmacScheme } from './hex-hmac-scheme.js';
import type { WebhookScheme } from './scheme.js';

/** The message the seed 004 scheme signs unless told otherwise. */
export const SEED_004_DEFAULT_MESSAGE_TEMPLATE = '{timestamp}.{body}';

export interface Seed004SchemeOptions {
  /** The signed message, e.g. `{timestamp}.{body}` (default) or `{eventId}.{timestamp}.{body}`. */
  readonly messageTemplate?: string;
}

/**
 * Seed 004: `X-Signature`, `X-Timestamp`, `X-Event-ID`. ASSUMPTION: the seed names the headers but
 * not the algorithm; we take hex HMAC-SHA256 over `${timestamp}.${body}` (raw bytes) and make the
 * message a parameter so a provider's real format can be plugged in.
 * @example createSeed004Scheme({ messageTemplate: '{eventId}.{timestamp}.{body}' })
 */
export function createSeed004Scheme(options: Seed004SchemeOptions = {}): WebhookScheme {
  const messageTemplate = options.messageTemplate ?? SEED_004_DEFAULT_MESSAGE_TEMPLATE;
  return createHexHmacScheme({
    id: 'seed-004',
    title: `Seed 004 (X-Signature hex HMAC of ${messageTemplate})`,
    signatureHeader: 'X-Signature',
    timestampHeader: 'X-Timestamp',
    eventIdHeader: 'X-Event-ID',
    messageTemplate,
  });
}

/** Seed 004 with the default message template. */
export const seed004Scheme: WebhookScheme = createSeed004Scheme();
