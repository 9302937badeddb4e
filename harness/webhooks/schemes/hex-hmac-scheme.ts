import { WebhookVerificationError } from '../errors.js';
import { digestEquals, toArray } from '../hmac.js';
import { bodyBytes, HEX_SHA256, hmacParts, type MessagePart } from './message-hmac.js';
import { headerValue, type WebhookScheme, withHeader } from './scheme.js';
import { checkTimestamp, parseUnixSeconds, requireHeader, requireSecrets, signatureMismatch } from './verify-steps.js';

/** How a single-signature hex HMAC scheme names its headers and builds its signed message. */
export interface HexHmacSchemeOptions {
  readonly id: string;
  readonly title: string;
  readonly signatureHeader: string;
  readonly timestampHeader: string;
  /** Header with the event id; null when the event id is only in the body. */
  readonly eventIdHeader: string | null;
  /**
   * The signed message: `{timestamp}`, `{eventId}` and exactly one `{body}` (the raw body bytes),
   * e.g. `{timestamp}.{body}`.
   */
  readonly messageTemplate: string;
}

const PLACEHOLDER = /\{(timestamp|eventId|body)\}/g;

/** Checks a message template and splits it around `{body}`. */
export function parseMessageTemplate(template: string): { before: string; after: string } {
  const unknown = template.replace(PLACEHOLDER, '').match(/\{[^}]*\}/);
  if (unknown)
    throw new RangeError(`Unknown placeholder ${unknown[0]} in "${template}": use {timestamp}, {eventId}, {body}.`);
  const parts = template.split('{body}');
  if (parts.length !== 2) throw new RangeError(`The message template "${template}" must contain {body} exactly once.`);
  return { before: parts[0] ?? '', after: parts[1] ?? '' };
}

/** A scheme with one hex HMAC-SHA256 signature header and a separate timestamp header. */
export function createHexHmacScheme(options: HexHmacSchemeOptions): WebhookScheme {
  const { before, after } = parseMessageTemplate(options.messageTemplate);
  const needsEventId = options.messageTemplate.includes('{eventId}');
  if (needsEventId && options.eventIdHeader === null)
    throw new RangeError('A template that signs {eventId} needs an eventIdHeader to carry it.');
  const fill = (text: string, timestamp: number, eventId: string) =>
    text.replaceAll('{timestamp}', String(timestamp)).replaceAll('{eventId}', eventId);
  const message = (timestamp: number, eventId: string, body: Uint8Array): MessagePart[] => [
    fill(before, timestamp, eventId),
    body,
    fill(after, timestamp, eventId),
  ];

  return {
    id: options.id,
    title: options.title,
    signatureHeader: options.signatureHeader,
    eventIdHeader: options.eventIdHeader,
    multipleSignatures: false,
    sign({ secrets, eventId, timestamp, rawBody }) {
      const list = toArray(secrets);
      if (list.length !== 1 || list[0] === undefined)
        throw new RangeError(`The ${options.id} scheme carries one signature: give exactly one secret.`);
      const signature = hmacParts(list[0], message(timestamp, eventId, bodyBytes(rawBody))).toString('hex');
      const headers: Record<string, string> = {
        [options.signatureHeader]: signature,
        [options.timestampHeader]: String(timestamp),
      };
      if (options.eventIdHeader !== null) headers[options.eventIdHeader] = eventId;
      return headers;
    },
    verify({ headers, rawBody, secrets, toleranceSeconds, now }) {
      const list = requireSecrets(toArray(secrets));
      const signature = requireHeader(headerValue(headers, options.signatureHeader), options.signatureHeader).trim();
      const timestampValue = requireHeader(headerValue(headers, options.timestampHeader), options.timestampHeader);
      const timestamp = parseUnixSeconds(timestampValue, options.timestampHeader);
      const eventId = options.eventIdHeader === null ? undefined : headerValue(headers, options.eventIdHeader);
      if (needsEventId && options.eventIdHeader !== null) requireHeader(eventId, options.eventIdHeader);
      if (!HEX_SHA256.test(signature))
        throw new WebhookVerificationError(
          'WEBHOOK_HEADER_MALFORMED',
          `The ${options.signatureHeader} header is not 64 lowercase hex characters. Reject the delivery.`,
          timestamp,
        );
      checkTimestamp(timestamp, toleranceSeconds, now);
      const parts = message(timestamp, eventId ?? '', bodyBytes(rawBody));
      for (const [index, secret] of list.entries())
        if (digestEquals(hmacParts(secret, parts), signature, 'hex'))
          return { timestamp, matchedSecretIndex: index, eventId: eventId ?? null };
      throw signatureMismatch(timestamp);
    },
    malformed(validHeaders) {
      const valid = headerValue(validHeaders, options.signatureHeader) ?? '';
      const variant = (label: string, name: string, value: string) => ({
        label,
        headers: withHeader(validHeaders, name, value),
      });
      return [
        variant('signature not hex', options.signatureHeader, 'not-a-hex-signature'),
        variant('truncated signature', options.signatureHeader, valid.slice(0, 32)),
        variant(`${options.timestampHeader} not a number`, options.timestampHeader, 'soon'),
      ];
    },
  };
}
