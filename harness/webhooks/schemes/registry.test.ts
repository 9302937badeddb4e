import { describe, expect, it } from 'vitest';
import { isWebhookVerificationError, type WebhookVerificationCode } from '../errors.js';
import { isWebhookSchemeId, WEBHOOK_SCHEME_IDS, webhookSchemes } from './registry.js';
import { withHeader } from './scheme.js';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const otherSecret = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';
const timestamp = 1767225600;
const now = () => timestamp * 1000;
const rawBody = '{"id":"evt_7k2m9q4x8p3v6w1z5n0b","type":"sandbox.test"}';
const eventId = 'evt_7k2m9q4x8p3v6w1z5n0b';

const failure = (run: () => unknown): WebhookVerificationCode | 'accepted' => {
  try {
    run();
    return 'accepted';
  } catch (error) {
    if (isWebhookVerificationError(error)) return error.code;
    throw error;
  }
};

describe.each(WEBHOOK_SCHEME_IDS)('scheme %s', (id) => {
  const scheme = webhookSchemes[id];
  const headers = scheme.sign({ secrets: secret, eventId, timestamp, rawBody, deliveryId: 'whd_1' });
  const verify = (overrides: Partial<Parameters<typeof scheme.verify>[0]> = {}) =>
    failure(() => scheme.verify({ headers, rawBody, secrets: secret, now, ...overrides }));

  it('has the id it is registered under', () => {
    expect(scheme.id).toBe(id);
    expect(isWebhookSchemeId(id)).toBe(true);
  });

  it('accepts what it signed and rejects a tampered body or another secret', () => {
    expect(verify()).toBe('accepted');
    expect(verify({ rawBody: rawBody.replace('sandbox', 'sandbax') })).toBe('WEBHOOK_SIGNATURE_MISMATCH');
    expect(verify({ secrets: otherSecret })).toBe('WEBHOOK_SIGNATURE_MISMATCH');
    expect(verify({ secrets: [otherSecret, secret] })).toBe('accepted');
  });

  it('verifies raw bytes: a body re-serialised by JSON.stringify no longer matches', () => {
    const raw = `{ "id": "${eventId}", "amount": 1.0, "name": "Caf\\u00e9" }`;
    const signed = scheme.sign({ secrets: secret, eventId, timestamp, rawBody: raw });
    expect(failure(() => scheme.verify({ headers: signed, rawBody: raw, secrets: secret, now }))).toBe('accepted');
    const reserialised = JSON.stringify(JSON.parse(raw));
    expect(failure(() => scheme.verify({ headers: signed, rawBody: reserialised, secrets: secret, now }))).toBe(
      'WEBHOOK_SIGNATURE_MISMATCH',
    );
  });

  it('enforces the tolerance in both directions with the injected clock', () => {
    expect(verify({ now: () => (timestamp + 300) * 1000 })).toBe('accepted');
    expect(verify({ now: () => (timestamp + 301) * 1000 })).toBe('WEBHOOK_TIMESTAMP_TOO_OLD');
    expect(verify({ now: () => (timestamp - 301) * 1000 })).toBe('WEBHOOK_TIMESTAMP_IN_FUTURE');
    expect(verify({ now: () => (timestamp + 500) * 1000, toleranceSeconds: 600 })).toBe('accepted');
  });

  it('rejects a missing signature header and every malformed variant', () => {
    expect(verify({ headers: withHeader(headers, scheme.signatureHeader, undefined) })).toBe('WEBHOOK_HEADER_MISSING');
    const variants = scheme.malformed(headers);
    expect(variants.length).toBeGreaterThanOrEqual(3);
    for (const variant of variants) expect(verify({ headers: variant.headers }), variant.label).not.toBe('accepted');
  });

  it('carries several signatures during rotation only when the scheme can', () => {
    const sign = () => scheme.sign({ secrets: [otherSecret, secret], eventId, timestamp, rawBody });
    if (!scheme.multipleSignatures) {
      expect(sign).toThrow(RangeError);
      return;
    }
    expect(failure(() => scheme.verify({ headers: sign(), rawBody, secrets: secret, now }))).toBe('accepted');
  });

  it('sends the event id in its event-id header when it has one', () => {
    const result = scheme.verify({ headers, rawBody, secrets: secret, now });
    expect(result.eventId).toBe(scheme.eventIdHeader === null ? null : eventId);
  });

  it('never puts the secret in an error message', () => {
    try {
      scheme.verify({ headers, rawBody: `${rawBody} `, secrets: otherSecret, now });
    } catch (error) {
      expect(String(error)).not.toContain(otherSecret.slice(6));
    }
    expect.assertions(1);
  });
});

describe('scheme ids', () => {
  it('names exactly the built-in schemes, each under its own id', () => {
    for (const id of WEBHOOK_SCHEME_IDS) expect(webhookSchemes[id].id).toBe(id);
    expect(Object.keys(webhookSchemes).sort()).toEqual([...WEBHOOK_SCHEME_IDS].sort());
    expect(isWebhookSchemeId('toString')).toBe(false);
    expect(isWebhookSchemeId('x-signatures')).toBe(false);
  });
});
