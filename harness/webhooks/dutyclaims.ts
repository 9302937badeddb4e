import { checkTimestamp, requireSecrets, UNIX_SECONDS } from './checks.js';
import { WebhookVerificationError } from './errors.js';
import { digestEquals, hmacSha256, type RawBody, toArray } from './hmac.js';

export { DEFAULT_TOLERANCE_SECONDS } from './checks.js';

export interface SignInput {
  /** One secret, or several during rotation (one `v1` each). */
  readonly secrets: string | readonly string[];
  /** Unix seconds. */
  readonly timestamp: number;
  readonly rawBody: RawBody;
}

export interface VerifyInput {
  /** The `DutyClaims-Signature` header value as received. */
  readonly header: string | null | undefined;
  /** The body bytes exactly as received; never a re-serialised object. */
  readonly rawBody: RawBody;
  /** The secret(s) the receiver holds; any may match (rotation). */
  readonly secrets: string | readonly string[];
  readonly toleranceSeconds?: number;
  /** Clock in milliseconds; defaults to `Date.now`. */
  readonly now?: () => number;
}

export interface VerifiedSignature {
  readonly timestamp: number;
  /** Index in `secrets` of the secret whose signature matched. */
  readonly matchedSecretIndex: number;
}

const signatureFor = (secret: string, timestamp: number, rawBody: RawBody) =>
  hmacSha256(secret, `${timestamp}.`, rawBody);

/**
 * Signs a raw body the way DutyClaims does: `t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`.
 * @example signDutyClaims({ secrets: 'whsec_...', timestamp: 1767225600, rawBody: '{"id":"evt_1"}' })
 */
export function signDutyClaims({ secrets, timestamp, rawBody }: SignInput): string {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new RangeError('timestamp must be whole unix seconds.');
  const list = toArray(secrets);
  if (list.length === 0 || list.some((secret) => secret.length === 0))
    throw new RangeError('Give at least one signing secret, and no empty ones.');
  const parts = list.map((secret) => `v1=${signatureFor(secret, timestamp, rawBody).toString('hex')}`);
  return [`t=${timestamp}`, ...parts].join(',');
}

/** Parses `t=...,v1=...[,v1=...]`; unknown schemes (e.g. `v0=`) are ignored, as in Stripe's scheme. */
export function parseDutyClaimsSignature(header: string): { timestamp: number; signatures: string[] } {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const item of header.split(',')) {
    const separator = item.indexOf('=');
    if (separator <= 0)
      throw new WebhookVerificationError(
        'WEBHOOK_HEADER_MALFORMED',
        `Signature header item "${item.trim().slice(0, 20)}" is not key=value. Expected t=<unix>,v1=<hex>.`,
      );
    const key = item.slice(0, separator).trim();
    const value = item.slice(separator + 1).trim();
    if (key === 't') {
      if (!UNIX_SECONDS.test(value))
        throw new WebhookVerificationError(
          'WEBHOOK_HEADER_MALFORMED',
          'The t= value is not whole unix seconds without leading zeros.',
        );
      timestamp = Number(value);
    } else if (key === 'v1') signatures.push(value);
  }
  if (timestamp === undefined)
    throw new WebhookVerificationError('WEBHOOK_HEADER_MALFORMED', 'The signature header has no t= timestamp.');
  return { timestamp, signatures };
}

/**
 * Verifies a DutyClaims delivery against the raw body: header shape, timestamp tolerance, then a
 * constant-time comparison of every `v1` with every secret. Throws WebhookVerificationError.
 */
export function verifyDutyClaims(input: VerifyInput): VerifiedSignature {
  const secrets = requireSecrets(toArray(input.secrets));
  if (!input.header)
    throw new WebhookVerificationError(
      'WEBHOOK_HEADER_MISSING',
      'The DutyClaims-Signature header is missing. Reject the delivery.',
    );
  const { timestamp, signatures } = parseDutyClaimsSignature(input.header);
  if (signatures.length === 0)
    throw new WebhookVerificationError(
      'WEBHOOK_NO_SIGNATURES',
      'The signature header has no v1= signature.',
      timestamp,
    );
  checkTimestamp(timestamp, input.toleranceSeconds, input.now);
  for (const [index, secret] of secrets.entries()) {
    const expected = signatureFor(secret, timestamp, input.rawBody);
    if (signatures.some((candidate) => digestEquals(expected, candidate, 'hex')))
      return { timestamp, matchedSecretIndex: index };
  }
  throw new WebhookVerificationError(
    'WEBHOOK_SIGNATURE_MISMATCH',
    'No v1 signature matches the raw body with the given secret(s). Verify the raw bytes, not re-serialised JSON, and check the secret.',
    timestamp,
  );
}
