import type { IncomingHttpHeaders } from 'node:http';
import type { WebhookScheme } from '../../../harness/webhooks/index.js';

/** What the receiver needs from verification: who the event is and when it was signed. */
export interface VerifiedEvent {
  readonly eventId: string;
  readonly timestamp: number;
}

/** The decisions a receiver makes per delivery; the reference makes them correctly. */
export interface ReceiverBehaviour {
  /** Verifies the raw bytes; throws WebhookVerificationError to reject. */
  verify(headers: IncomingHttpHeaders, rawBody: Buffer): VerifiedEvent;
  /** The key that makes two deliveries "the same event". */
  dedupeKey(event: VerifiedEvent): string;
  /** Process before verifying (a flaw: work happens for forged deliveries). */
  readonly processBeforeVerify: boolean;
  /** Record the event id as seen before verifying (a flaw: a forged delivery blocks the genuine one). */
  readonly markSeenBeforeVerify: boolean;
  /** Delay before acknowledging (a flaw: slow synchronous work before the 2xx). */
  readonly ackDelayMs: number;
}

/** The body's `id`, for schemes without an event-id header (x-dual-signature). */
export function bodyEventId(rawBody: Buffer): string {
  const parsed: unknown = JSON.parse(rawBody.toString('utf8'));
  const id = (parsed as { id?: unknown } | null)?.id;
  if (typeof id !== 'string' || id === '') throw new SyntaxError('The body has no string "id".');
  return id;
}

/** The correct behaviour: verify the raw bytes with the scheme, deduplicate on the event id alone. */
export function referenceBehaviour(
  scheme: WebhookScheme,
  secrets: readonly string[],
  toleranceSeconds: number,
): ReceiverBehaviour {
  return {
    verify(headers, rawBody) {
      const verified = scheme.verify({ headers, rawBody, secrets, toleranceSeconds });
      return { eventId: verified.eventId ?? bodyEventId(rawBody), timestamp: verified.timestamp };
    },
    dedupeKey: (event) => event.eventId,
    processBeforeVerify: false,
    markSeenBeforeVerify: false,
    ackDelayMs: 0,
  };
}
