import { describe, expect, it } from 'vitest';
import { verifyDutyClaims } from './dutyclaims.js';
import { isWebhookVerificationError } from './errors.js';
import { WEBHOOK_SCHEME_IDS, webhookSchemes } from './schemes/registry.js';
import { headerValue, withHeader } from './schemes/scheme.js';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const timestamp = 1767225600;
const now = () => timestamp * 1000;
const rawBody = '{"id":"evt_7k2m9q4x8p3v6w1z5n0b","type":"sandbox.test"}';
const eventId = 'evt_7k2m9q4x8p3v6w1z5n0b';

const outcome = (run: () => unknown): string => {
  try {
    run();
    return 'accepted';
  } catch (error) {
    if (isWebhookVerificationError(error)) return 'rejected';
    throw error;
  }
};

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** The same digest with the unused low bits of the last base64 character set: decodes to the same bytes. */
const strayBits = (encoded: string) => {
  const data = encoded.replace(/=+$/, '');
  const last = BASE64.indexOf(data.at(-1) ?? 'A');
  return `${data.slice(0, -1)}${BASE64[last ^ 1]}${encoded.slice(data.length)}`;
};

describe('one spelling per signature scheme (no malleable signatures)', () => {
  const scheme = webhookSchemes.dutyclaims;
  const headers = scheme.sign({ secrets: secret, eventId, timestamp, rawBody });
  const header = headerValue(headers, 'DutyClaims-Signature') ?? '';
  const hex = header.split('v1=')[1] ?? '';
  const dutyClaims = (value: string) =>
    outcome(() => verifyDutyClaims({ header: value, rawBody, secrets: secret, now }));

  it('DutyClaims: accepts exactly t=<integer>,v1=<64 lowercase hex>', () => {
    expect(dutyClaims(header)).toBe('accepted');
    for (const variant of [
      `t=${timestamp},v1=${hex.toUpperCase()}`,
      `t=${timestamp},v1=${hex}0`,
      `t=${timestamp},v1=${hex}f`,
      `t=${timestamp},v1=${hex.slice(0, 63)}`,
      `t=0${timestamp},v1=${hex}`,
      `t=+${timestamp},v1=${hex}`,
      `t=${timestamp}.0,v1=${hex}`,
    ])
      expect(dutyClaims(variant), variant).toBe('rejected');
  });

  it('Standard Webhooks: accepts only canonical padded base64', () => {
    const standard = webhookSchemes['standard-webhooks'];
    const signed = standard.sign({ secrets: secret, eventId, timestamp, rawBody });
    const signature = (headerValue(signed, 'webhook-signature') ?? '').slice('v1,'.length);
    const verify = (value: string, timestampValue = String(timestamp)) =>
      outcome(() =>
        standard.verify({
          headers: withHeader(withHeader(signed, 'webhook-signature', value), 'webhook-timestamp', timestampValue),
          rawBody,
          secrets: secret,
          now,
        }),
      );
    expect(verify(`v1,${signature}`)).toBe('accepted');
    expect(signature.endsWith('=')).toBe(true);
    expect(verify(`v1,${signature.replace(/=+$/, '')}`)).toBe('rejected');
    expect(verify(`v1,${strayBits(signature)}`)).toBe('rejected');
    expect(verify(`v1,${signature.replaceAll('+', '-').replaceAll('/', '_')}`)).toBe(
      /[+/]/.test(signature) ? 'rejected' : 'accepted',
    );
    expect(verify(`v1,${signature}`, `0${timestamp}`)).toBe('rejected');
  });

  const singleHexSchemes = WEBHOOK_SCHEME_IDS.filter((id) => !webhookSchemes[id].multipleSignatures);
  it('finds the single-signature hex schemes to check', () => expect(singleHexSchemes.length).toBeGreaterThan(0));

  it.each(singleHexSchemes)('hex scheme %s: accepts only 64 lowercase hex and an integer timestamp', (id) => {
    const hexScheme = webhookSchemes[id];
    const signed = hexScheme.sign({ secrets: secret, eventId, timestamp, rawBody });
    const value = headerValue(signed, hexScheme.signatureHeader) ?? '';
    const timestampHeader = Object.keys(signed).find((name) => signed[name] === String(timestamp)) ?? '';
    const verify = (h: Record<string, string>) =>
      outcome(() => hexScheme.verify({ headers: h, rawBody, secrets: secret, now }));
    expect(verify(signed)).toBe('accepted');
    expect(verify(withHeader(signed, hexScheme.signatureHeader, value.toUpperCase()))).toBe('rejected');
    expect(verify(withHeader(signed, hexScheme.signatureHeader, `${value}0`))).toBe('rejected');
    expect(verify(withHeader(signed, timestampHeader, `00${timestamp}`))).toBe('rejected');
  });
});
