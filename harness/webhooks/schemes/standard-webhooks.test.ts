import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../contract/package-root.js';
import { isWebhookVerificationError } from '../errors.js';
import { standardWebhooksKey, standardWebhooksScheme } from './standard-webhooks.js';

interface Vector {
  name: string;
  secrets: string[];
  eventId: string;
  timestamp: number;
  rawBody: string;
  headers: Record<string, string>;
}
const { vectors } = JSON.parse(
  readFileSync(join(packageRoot(), 'fixtures', 'webhooks', 'standard-webhooks.json'), 'utf8'),
) as { vectors: Vector[] };
const at = (unixSeconds: number) => () => unixSeconds * 1000;

describe('standardWebhooksScheme (known-answer vectors, python3-computed)', () => {
  it('reproduces the official standard-webhooks library signature', () => {
    const official = vectors.find((vector) => vector.eventId === 'msg_p5jXN8AQM9LWM0D4loKWxJek');
    expect(official?.headers['webhook-signature']).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it.each(vectors)('signs "$name" to the expected headers', (vector) => {
    expect(standardWebhooksScheme.sign(vector)).toEqual(vector.headers);
    expect(standardWebhooksScheme.sign({ ...vector, rawBody: Buffer.from(vector.rawBody) })).toEqual(vector.headers);
  });

  it.each(vectors)('verifies "$name" with each of its secrets', (vector) => {
    for (const secret of vector.secrets) {
      const result = standardWebhooksScheme.verify({
        headers: vector.headers,
        rawBody: vector.rawBody,
        secrets: ['whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', secret],
        now: at(vector.timestamp),
      });
      expect(result).toEqual({ timestamp: vector.timestamp, matchedSecretIndex: 1, eventId: vector.eventId });
    }
  });

  it('signs webhook-id too: another id with the same signature is rejected', () => {
    const [vector] = vectors;
    if (!vector) throw new Error('no vectors');
    const run = () =>
      standardWebhooksScheme.verify({
        headers: { ...vector.headers, 'webhook-id': 'msg_other' },
        rawBody: vector.rawBody,
        secrets: vector.secrets,
        now: at(vector.timestamp),
      });
    expect(run).toThrow(expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_MISMATCH' }));
  });

  it('accepts the secret with or without the whsec_ prefix and refuses one that is not base64', () => {
    expect(standardWebhooksKey('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toEqual(
      standardWebhooksKey('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'),
    );
    expect(() => standardWebhooksKey('whsec_not base64!')).toThrow(/whsec_ followed by base64|"whsec_" followed/);
    let thrown: unknown;
    try {
      standardWebhooksKey('whsec_not base64 but secret!');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect(String(thrown)).not.toContain('but secret');
    expect(isWebhookVerificationError(thrown)).toBe(false);
  });
});
