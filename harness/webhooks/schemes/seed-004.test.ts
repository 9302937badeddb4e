import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../contract/package-root.js';
import { createSeed004Scheme, seed004Scheme } from './seed-004.js';

interface Vector {
  name: string;
  messageTemplate: string;
  secrets: string[];
  eventId: string;
  timestamp: number;
  rawBody: string;
  headers: Record<string, string>;
}
const { vectors } = JSON.parse(readFileSync(join(packageRoot(), 'fixtures', 'webhooks', 'seed-004.json'), 'utf8')) as {
  vectors: Vector[];
};
const at = (unixSeconds: number) => () => unixSeconds * 1000;

describe('seed004Scheme (known-answer vectors, python3-computed)', () => {
  it.each(vectors)('signs and verifies "$name"', (vector) => {
    const scheme = createSeed004Scheme({ messageTemplate: vector.messageTemplate });
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
    expect(seed004Scheme.sign(vector)).toEqual(vector.headers);
  });

  it('a template that signs the event id rejects a swapped X-Event-ID', () => {
    const vector = vectors.find((candidate) => candidate.messageTemplate.includes('{eventId}'));
    if (!vector) throw new Error('missing eventId-template vector');
    const scheme = createSeed004Scheme({ messageTemplate: vector.messageTemplate });
    const headers = { ...vector.headers, 'X-Event-ID': 'evt_someoneelse000000' };
    expect(() => scheme.verify({ ...vector, headers, now: at(vector.timestamp) })).toThrow(
      expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_MISMATCH' }),
    );
  });

  it('refuses templates without exactly one {body} or with unknown placeholders', () => {
    expect(() => createSeed004Scheme({ messageTemplate: '{timestamp}' })).toThrow(/exactly once/);
    expect(() => createSeed004Scheme({ messageTemplate: '{body}{body}' })).toThrow(/exactly once/);
    expect(() => createSeed004Scheme({ messageTemplate: '{ts}.{body}' })).toThrow(/Unknown placeholder \{ts\}/);
  });
});
