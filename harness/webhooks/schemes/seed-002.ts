import { createHexHmacScheme } from './hex-hmac-scheme.js';

/**
 * Seed 002 (Dual): `x-dual-signature` = hex HMAC-SHA256(secret, `${timestamp}.${body}`) and
 * `x-dual-timestamp` (taken as unix seconds; the seed does not say). The seed's own example signs
 * `JSON.stringify(body)`, i.e. re-serialised JSON, which breaks as soon as the sender's bytes differ
 * (spacing, key order, `1.0`, unicode escapes); this scheme signs the raw body bytes instead.
 * The seed has no event-id header: the event id is the body's `id`.
 */
export const seed002Scheme = createHexHmacScheme({
  id: 'seed-002',
  title: 'Seed 002 (x-dual-signature hex HMAC of timestamp.body)',
  signatureHeader: 'x-dual-signature',
  timestampHeader: 'x-dual-timestamp',
  eventIdHeader: null,
  messageTemplate: '{timestamp}.{body}',
});
