import { WebhookVerificationError } from '../errors.js';
import { digestEquals, toArray } from '../hmac.js';
import { bodyBytes, hmacParts } from './message-hmac.js';
import { headerValue, type WebhookScheme, withHeader } from './scheme.js';
import { checkTimestamp, parseUnixSeconds, requireHeader, requireSecrets, signatureMismatch } from './verify-steps.js';

const ID = 'webhook-id';
const TIMESTAMP = 'webhook-timestamp';
const SIGNATURE = 'webhook-signature';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The HMAC key of a Standard Webhooks secret: base64-decode what follows `whsec_`. */
export function standardWebhooksKey(secret: string): Buffer {
  const encoded = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  const key = BASE64.test(encoded) ? Buffer.from(encoded, 'base64') : Buffer.alloc(0);
  if (key.length === 0)
    throw new RangeError(
      'The secret is not a Standard Webhooks secret: use "whsec_" followed by base64 (the key bytes).',
    );
  return key;
}

const signatureFor = (secret: string, id: string, timestamp: number, body: Uint8Array) =>
  hmacParts(standardWebhooksKey(secret), [`${id}.${timestamp}.`, body]);

/** Parses `v1,<base64>[ v1,<base64>...]`; other versions are ignored as the spec asks. */
function parseSignatures(header: string): string[] {
  const signatures: string[] = [];
  for (const item of header.split(' ').filter((part) => part !== '')) {
    const comma = item.indexOf(',');
    if (comma <= 0)
      throw new WebhookVerificationError(
        'WEBHOOK_HEADER_MALFORMED',
        `The ${SIGNATURE} item "${item.slice(0, 12)}" is not <version>,<base64>. Reject the delivery.`,
      );
    if (item.slice(0, comma) === 'v1') signatures.push(item.slice(comma + 1));
  }
  return signatures;
}

/**
 * Standard Webhooks (standardwebhooks.com): `webhook-id`, `webhook-timestamp` and
 * `webhook-signature: v1,<base64 HMAC-SHA256(base64-decoded secret, id.timestamp.body)>`, space-separated.
 */
export const standardWebhooksScheme: WebhookScheme = {
  id: 'standard-webhooks',
  title: 'Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature)',
  signatureHeader: SIGNATURE,
  eventIdHeader: ID,
  multipleSignatures: true,
  sign({ secrets, eventId, timestamp, rawBody }) {
    const list = toArray(secrets);
    if (list.length === 0) throw new RangeError('Give at least one signing secret.');
    const body = bodyBytes(rawBody);
    const signatures = list.map((secret) => `v1,${signatureFor(secret, eventId, timestamp, body).toString('base64')}`);
    return { [ID]: eventId, [TIMESTAMP]: String(timestamp), [SIGNATURE]: signatures.join(' ') };
  },
  verify({ headers, rawBody, secrets, toleranceSeconds, now }) {
    const list = requireSecrets(toArray(secrets));
    const id = requireHeader(headerValue(headers, ID), ID);
    const timestamp = parseUnixSeconds(requireHeader(headerValue(headers, TIMESTAMP), TIMESTAMP), TIMESTAMP);
    const signatures = parseSignatures(requireHeader(headerValue(headers, SIGNATURE), SIGNATURE));
    if (signatures.length === 0)
      throw new WebhookVerificationError(
        'WEBHOOK_NO_SIGNATURES',
        `The ${SIGNATURE} header has no v1 signature.`,
        timestamp,
      );
    checkTimestamp(timestamp, toleranceSeconds, now);
    const body = bodyBytes(rawBody);
    for (const [index, secret] of list.entries()) {
      const expected = signatureFor(secret, id, timestamp, body);
      if (signatures.some((candidate) => digestEquals(expected, candidate, 'base64')))
        return { timestamp, matchedSecretIndex: index, eventId: id };
    }
    throw signatureMismatch(timestamp);
  },
  malformed(validHeaders) {
    const first = (headerValue(validHeaders, SIGNATURE) ?? '').split(' ')[0] ?? '';
    return [
      { label: 'not <version>,<base64>', headers: withHeader(validHeaders, SIGNATURE, 'garbage') },
      { label: 'empty v1 signature', headers: withHeader(validHeaders, SIGNATURE, 'v1,') },
      { label: 'truncated v1 signature', headers: withHeader(validHeaders, SIGNATURE, first.slice(0, 11)) },
      { label: 'webhook-timestamp not a number', headers: withHeader(validHeaders, TIMESTAMP, 'soon') },
    ];
  },
};
