import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../contract/package-root.js';
import { signDutyClaims, verifyDutyClaims } from './dutyclaims.js';
import { isWebhookVerificationError, type WebhookVerificationCode } from './errors.js';

interface Vector {
  name: string;
  secrets: string[];
  timestamp: number;
  rawBody: string;
  header: string;
}
const { vectors } = JSON.parse(
  readFileSync(join(packageRoot(), 'fixtures', 'webhooks', 'dutyclaims.json'), 'utf8'),
) as {
  vectors: Vector[];
};
const [first] = vectors;
if (!first) throw new Error('fixtures/webhooks/dutyclaims.json has no vectors');
const at = (unixSeconds: number) => () => unixSeconds * 1000;

const failureCode = (run: () => unknown): WebhookVerificationCode | undefined => {
  try {
    run();
  } catch (error) {
    if (isWebhookVerificationError(error)) return error.code;
    throw error;
  }
  return undefined;
};

describe('signDutyClaims (known-answer vectors)', () => {
  it.each(vectors)('$name', (vector) => {
    expect(signDutyClaims(vector)).toBe(vector.header);
    expect(signDutyClaims({ ...vector, rawBody: Buffer.from(vector.rawBody) })).toBe(vector.header);
  });
});

describe('verifyDutyClaims', () => {
  it.each(vectors)('accepts the vector "$name" with each of its secrets', (vector) => {
    vector.secrets.forEach((secret, index) => {
      const result = verifyDutyClaims({
        ...vector,
        secrets: ['whsec_unrelated_unrelated_unrelated_x', secret],
        now: at(vector.timestamp),
      });
      expect(result).toEqual({ timestamp: vector.timestamp, matchedSecretIndex: 1 });
      expect(index).toBeGreaterThanOrEqual(0);
    });
  });

  it('rejects a tampered body, a wrong secret, and re-serialised JSON', () => {
    const base = { ...first, now: at(first.timestamp) };
    expect(failureCode(() => verifyDutyClaims({ ...base, rawBody: `${first.rawBody} ` }))).toBe(
      'WEBHOOK_SIGNATURE_MISMATCH',
    );
    expect(failureCode(() => verifyDutyClaims({ ...base, secrets: 'whsec_wrongwrongwrongwrongwrongwrong' }))).toBe(
      'WEBHOOK_SIGNATURE_MISMATCH',
    );
    const reserialised = vectors.find((vector) => vector.name.startsWith('raw bytes'));
    if (!reserialised) throw new Error('missing re-serialisation vector');
    const body = JSON.stringify(JSON.parse(reserialised.rawBody));
    expect(body).not.toBe(reserialised.rawBody);
    expect(
      failureCode(() => verifyDutyClaims({ ...reserialised, rawBody: body, now: at(reserialised.timestamp) })),
    ).toBe('WEBHOOK_SIGNATURE_MISMATCH');
  });

  it('enforces the tolerance on both sides of the injected clock', () => {
    const verify = (nowSeconds: number, toleranceSeconds?: number) =>
      failureCode(() =>
        verifyDutyClaims({ ...first, now: at(nowSeconds), ...(toleranceSeconds ? { toleranceSeconds } : {}) }),
      );
    expect(verify(first.timestamp + 300)).toBeUndefined();
    expect(verify(first.timestamp + 301)).toBe('WEBHOOK_TIMESTAMP_TOO_OLD');
    expect(verify(first.timestamp - 301)).toBe('WEBHOOK_TIMESTAMP_IN_FUTURE');
    expect(verify(first.timestamp + 301, 600)).toBeUndefined();
  });

  it('says which header check failed', () => {
    const base = { rawBody: first.rawBody, secrets: first.secrets, now: at(first.timestamp) };
    expect(failureCode(() => verifyDutyClaims({ ...base, header: undefined }))).toBe('WEBHOOK_HEADER_MISSING');
    expect(failureCode(() => verifyDutyClaims({ ...base, header: 'v1=abc' }))).toBe('WEBHOOK_HEADER_MALFORMED');
    expect(failureCode(() => verifyDutyClaims({ ...base, header: 't=abc,v1=00' }))).toBe('WEBHOOK_HEADER_MALFORMED');
    expect(failureCode(() => verifyDutyClaims({ ...base, header: `t=${first.timestamp}` }))).toBe(
      'WEBHOOK_NO_SIGNATURES',
    );
    expect(failureCode(() => verifyDutyClaims({ ...base, header: first.header, secrets: [] }))).toBe(
      'WEBHOOK_NO_SECRET',
    );
  });

  it('never puts a secret in an error message', () => {
    try {
      verifyDutyClaims({ ...first, secrets: 'whsec_wrongwrongwrongwrongwrongwrong', now: at(first.timestamp) });
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('whsec_');
    }
    expect.assertions(1);
  });
});

describe('verifyDutyClaims refuses settings that would switch its checks off', () => {
  const ancient = { ...first, now: at(first.timestamp + 25 * 365 * 86_400) };

  it('throws RangeError for a tolerance or clock that is not a finite number, instead of accepting a replay', () => {
    expect(() => verifyDutyClaims({ ...ancient, toleranceSeconds: Number.NaN })).toThrow(RangeError);
    expect(() => verifyDutyClaims({ ...ancient, toleranceSeconds: Number.POSITIVE_INFINITY })).toThrow(RangeError);
    expect(() => verifyDutyClaims({ ...ancient, toleranceSeconds: -1 })).toThrow(RangeError);
    expect(() => verifyDutyClaims({ ...first, now: () => Number.NaN })).toThrow(RangeError);
    expect(failureCode(() => verifyDutyClaims(ancient))).toBe('WEBHOOK_TIMESTAMP_TOO_OLD');
  });

  it('treats an empty secret as no secret, so an unset variable cannot verify forged deliveries', () => {
    const forged = signDutyClaims({ secrets: 'x', timestamp: first.timestamp, rawBody: first.rawBody }).replace(
      /v1=[0-9a-f]+/,
      `v1=${createHmac('sha256', '').update(`${first.timestamp}.${first.rawBody}`).digest('hex')}`,
    );
    expect(
      failureCode(() => verifyDutyClaims({ ...first, header: forged, secrets: '', now: at(first.timestamp) })),
    ).toBe('WEBHOOK_NO_SECRET');
    expect(
      failureCode(() =>
        verifyDutyClaims({ ...first, secrets: [first.secrets[0] ?? '', ''], now: at(first.timestamp) }),
      ),
    ).toBe('WEBHOOK_NO_SECRET');
    expect(() => signDutyClaims({ secrets: '', timestamp: first.timestamp, rawBody: first.rawBody })).toThrow(
      RangeError,
    );
  });
});
