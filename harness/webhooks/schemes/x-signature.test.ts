import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../contract/package-root.js';
import { createXSignatureScheme, xSignatureScheme } from './x-signature.js';

interface Vector {
  name: string;
  messageTemplate: string;
  secrets: string[];
  eventId: string;
  timestamp: number;
  rawBody: string;
  headers: Record<string, string>;
}
const { vectors } = JSON.parse(
  readFileSync(join(packageRoot(), 'fixtures', 'webhooks', 'x-signature.json'), 'utf8'),
) as {
  vectors: Vector[];
};
const at = (unixSeconds: number) => () => unixSeconds * 1000;

describe('xSignatureScheme (known-answer vectors, python3-computed)', () => {
  it.each(vectors)('signs and verifies "$name"', (vector) => {
    const scheme = createXSignatureScheme({ messageTemplate: vector.messageTemplate });
    expect(scheme.sign(vector)).toEqual(vector.headers);
    expect(scheme.verify({ ...vector, now: at(vector.timestamp) })).toEqual({
      timestamp: vector.timestamp,
      matchedSecretIndex: 0,
      eventId: vector.eventId,
    });
  });

  it('defaults to {timestamp}.{body}', () => {
    const vector = vectors.find((candidate) => candidate.messageTemplate === '{timestamp}.{body}');
    if (!vector) throw new Error('missing default-template vector');
    expect(xSignatureScheme.sign(vector)).toEqual(vector.headers);
  });

  it('a template that signs the event id rejects a swapped X-Event-ID', () => {
    const vector = vectors.find((candidate) => candidate.messageTemplate.includes('{eventId}'));
    if (!vector) throw new Error('missing eventId-template vector');
    const scheme = createXSignatureScheme({ messageTemplate: vector.messageTemplate });
    const headers = { ...vector.headers, 'X-Event-ID': 'evt_someoneelse000000' };
    expect(() => scheme.verify({ ...vector, headers, now: at(vector.timestamp) })).toThrow(
      expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_MISMATCH' }),
    );
  });

  it('refuses templates without exactly one {body} or with unknown placeholders', () => {
    expect(() => createXSignatureScheme({ messageTemplate: '{timestamp}' })).toThrow(/exactly once/);
    expect(() => createXSignatureScheme({ messageTemplate: '{body}{body}' })).toThrow(/exactly once/);
    expect(() => createXSignatureScheme({ messageTemplate: '{ts}.{body}' })).toThrow(/Unknown placeholder \{ts\}/);
  });
});
