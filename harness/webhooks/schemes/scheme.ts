import type { RawBody } from '../hmac.js';

/** Request headers as node:http and undici give them; names are matched case-insensitively. */
export type WebhookHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface SchemeSignInput {
  /** One secret, or several during rotation when the scheme can carry several signatures. */
  readonly secrets: string | readonly string[];
  /** The event id; schemes with an event-id header send it, Standard Webhooks also signs it. */
  readonly eventId: string;
  /** Unix seconds. */
  readonly timestamp: number;
  readonly rawBody: RawBody;
  /** Id of this delivery attempt (DutyClaims-Delivery-Id); schemes without such a header ignore it. */
  readonly deliveryId?: string;
}

export interface SchemeVerifyInput {
  readonly headers: WebhookHeaders;
  /** The body bytes exactly as received; never a re-serialised object. */
  readonly rawBody: RawBody;
  /** The secret(s) the receiver holds; any may match. */
  readonly secrets: string | readonly string[];
  /** Defaults to 300 s. */
  readonly toleranceSeconds?: number;
  /** Clock in milliseconds; defaults to `Date.now`. */
  readonly now?: () => number;
}

export interface VerifiedDelivery {
  /** The signed timestamp, unix seconds. */
  readonly timestamp: number;
  /** Index in `secrets` of the secret that matched. */
  readonly matchedSecretIndex: number;
  /** The event id from the scheme's event-id header, or null when the scheme has none (x-dual-signature). */
  readonly eventId: string | null;
}

/** A header set whose signature headers are present but unusable, for graders. */
export interface MalformedHeaders {
  readonly label: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** One way of signing webhook deliveries: how the headers are built and checked. */
export interface WebhookScheme {
  readonly id: string;
  readonly title: string;
  /** The header that carries the signature(s), in its canonical spelling. */
  readonly signatureHeader: string;
  /** The header that carries the event id, or null when the event id is only in the body. */
  readonly eventIdHeader: string | null;
  /** True when one delivery can carry one signature per active secret (rotation). */
  readonly multipleSignatures: boolean;
  /** Signs a raw body; returns the headers to send with it. */
  sign(input: SchemeSignInput): Record<string, string>;
  /** Verifies a delivery against its raw body; throws WebhookVerificationError. */
  verify(input: SchemeVerifyInput): VerifiedDelivery;
  /** Variants of validly signed headers whose signature headers are malformed. */
  malformed(validHeaders: Readonly<Record<string, string>>): readonly MalformedHeaders[];
}

/** The value of a header, matched case-insensitively; the first one when repeated. */
export function headerValue(headers: WebhookHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return typeof value === 'string' ? value : value[0];
  }
  return undefined;
}

/** A copy of `headers` with `name` (any case) set to `value`, or removed when `value` is undefined. */
export function withHeader(
  headers: Readonly<Record<string, string>>,
  name: string,
  value: string | undefined,
): Record<string, string> {
  const copy = Object.fromEntries(Object.entries(headers).filter(([key]) => key.toLowerCase() !== name.toLowerCase()));
  if (value !== undefined) copy[name] = value;
  return copy;
}
