import type { IncomingHttpHeaders } from 'node:http';
import {
  isWebhookVerificationError,
  type WebhookScheme,
  WebhookVerificationError,
} from '../../../harness/webhooks/index.js';
import { bodyEventId, type ReceiverBehaviour, referenceBehaviour, type VerifiedEvent } from './behaviour.js';

/**
 * Deliberate defects, each one a mistake seen in real webhook handlers. The grader must fail the
 * check named beside each (see test/grading/webhook-receiver-flaws.test.ts).
 */
export const RECEIVER_FLAWS = [
  'reserialize', // verifies JSON.stringify(JSON.parse(raw)): reserialized-body
  'accept-any-signature', // checks the header shape, never the HMAC: tampered-body, wrong-secret, reserialized-body
  'allow-unsigned', // treats a delivery without signature as a test ping: missing-signature
  'accept-malformed', // a header that does not parse is let through: malformed-signature
  'accept-stale', // no lower bound on the timestamp: stale-timestamp
  'accept-future', // no upper bound on the timestamp: future-timestamp
  'first-signature-only', // checks only the first v1: rotation
  'last-signature-only', // checks only the last v1 (where a rotation usually appends the new secret): rotation
  'mark-seen-before-verify', // records the event id, then verifies: a forged delivery blocks it: forged-then-genuine
  'process-before-verify', // does the work, then verifies: rejected-not-processed
  'no-dedupe', // processes every verified delivery: duplicate-processed-once
  'dedupe-by-event-and-timestamp', // one provider checklist's advice; a re-signed retry is new: duplicate-processed-once
  'slow-ack', // works synchronously before the 2xx: valid-delivery, rotation, duplicate-processed-once
] as const;
export type ReceiverFlaw = (typeof RECEIVER_FLAWS)[number];

/** What a flaw may need to know besides the reference behaviour. */
export interface FlawContext {
  readonly scheme: WebhookScheme;
  readonly secrets: readonly string[];
  readonly toleranceSeconds: number;
  /** Delay of `slow-ack`; default 6000 ms, beyond the 5 s acknowledgement budget. */
  readonly slowAckMs?: number;
}

const LONG_AGO = 10 * 365 * 24 * 3600;

/** Keeps one signature: `t=..,v1=A,v1=B` -> `t=..,v1=A` (first); `v1,A v1,B` -> `v1,B` (last). */
function oneSignatureOnly(value: string, which: 'first' | 'last'): string {
  const pick = <T>(items: readonly T[]) => (which === 'first' ? items[0] : items.at(-1));
  if (value.includes(' ')) return pick(value.split(' ')) ?? value;
  const parts = value.split(',');
  const kept = pick(parts.filter((part) => part.startsWith('v1=')));
  return [...parts.filter((part) => !part.startsWith('v1=')), ...(kept ? [kept] : [])].join(',');
}

/** The reference behaviour with the given flaws applied; no flaws returns it unchanged. */
export function flawedBehaviour(
  reference: ReceiverBehaviour,
  flaws: readonly ReceiverFlaw[],
  context: FlawContext,
): ReceiverBehaviour {
  if (flaws.length === 0) return reference;
  const has = (flaw: ReceiverFlaw) => flaws.includes(flaw);
  const loose = has('accept-stale') || has('accept-future');
  const base = loose ? referenceBehaviour(context.scheme, context.secrets, LONG_AGO) : reference;
  const unverified = (headers: IncomingHttpHeaders, rawBody: Buffer, timestamp?: number): VerifiedEvent => {
    const header = context.scheme.eventIdHeader ? headers[context.scheme.eventIdHeader.toLowerCase()] : undefined;
    return { eventId: typeof header === 'string' ? header : bodyEventId(rawBody), timestamp: timestamp ?? 0 };
  };

  return {
    verify(headers, rawBody) {
      let sent = headers;
      const signatureKey = context.scheme.signatureHeader.toLowerCase();
      const signature = headers[signatureKey];
      if (has('first-signature-only') && typeof signature === 'string')
        sent = { ...headers, [signatureKey]: oneSignatureOnly(signature, 'first') };
      if (has('last-signature-only') && typeof signature === 'string')
        sent = { ...headers, [signatureKey]: oneSignatureOnly(signature, 'last') };
      const body = has('reserialize') ? Buffer.from(JSON.stringify(JSON.parse(rawBody.toString('utf8')))) : rawBody;
      let event: VerifiedEvent;
      try {
        event = base.verify(sent, body);
      } catch (error) {
        if (!isWebhookVerificationError(error)) throw error;
        const accepted =
          (has('accept-any-signature') && error.code === 'WEBHOOK_SIGNATURE_MISMATCH') ||
          (has('allow-unsigned') && error.code === 'WEBHOOK_HEADER_MISSING') ||
          (has('accept-malformed') && ['WEBHOOK_HEADER_MALFORMED', 'WEBHOOK_NO_SIGNATURES'].includes(error.code));
        if (!accepted) throw error;
        return unverified(headers, rawBody, error.timestamp);
      }
      const now = Math.floor(Date.now() / 1000);
      if (loose && !has('accept-stale') && event.timestamp < now - context.toleranceSeconds)
        throw new WebhookVerificationError('WEBHOOK_TIMESTAMP_TOO_OLD', 'Too old.', event.timestamp);
      if (loose && !has('accept-future') && event.timestamp > now + context.toleranceSeconds)
        throw new WebhookVerificationError('WEBHOOK_TIMESTAMP_IN_FUTURE', 'Too far ahead.', event.timestamp);
      return event;
    },
    dedupeKey: (event) => {
      if (has('no-dedupe')) return `${event.eventId}:${Math.random()}`;
      if (has('dedupe-by-event-and-timestamp')) return `${event.eventId}:${event.timestamp}`;
      return reference.dedupeKey(event);
    },
    processBeforeVerify: has('process-before-verify'),
    markSeenBeforeVerify: has('mark-seen-before-verify'),
    ackDelayMs: has('slow-ack') ? (context.slowAckMs ?? 6000) : 0,
  };
}
