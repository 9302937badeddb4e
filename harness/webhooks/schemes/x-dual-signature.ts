import { createHexHmacScheme } from './hex-hmac-scheme.js';

/**
 * The `x-dual-signature` timestamped hex HMAC: `x-dual-signature` = hex HMAC-SHA256(secret,
 * `${timestamp}.${body}`) and `x-dual-timestamp` (taken as unix seconds; the provider's checklist
 * does not say). That checklist's own example signs `JSON.stringify(body)`, i.e. re-serialised JSON,
 * which breaks as soon as the sender's bytes differ (spacing, key order, `1.0`, unicode escapes);
 * this scheme signs the raw body bytes instead. It has no event-id header: the event id is the
 * body's `id`.
 */
export const xDualSignatureScheme = createHexHmacScheme({
  id: 'x-dual-signature',
  title: 'x-dual-signature (hex HMAC of timestamp.body, timestamp in x-dual-timestamp)',
  signatureHeader: 'x-dual-signature',
  timestampHeader: 'x-dual-timestamp',
  eventIdHeader: null,
  messageTemplate: '{timestamp}.{body}',
});
