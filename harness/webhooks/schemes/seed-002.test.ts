import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../contract/package-root.js';
import { seed002Scheme } from './seed-002.js';

interface Vector {
  name: string;
  secrets: string[];
  eventId: string;
  timestamp: number;
  rawBody: string;
  headers: Record<string, string>;
}
const { vectors } = JSON.parse(readFileSync(join(packageRoot(), 'fixtures', 'webhooks', 'seed-002.json'), 'utf8')) as {
  vectors: Vector[];
};
const at = (unixSeconds: number) => () => unixSeconds * 1000;

describe('seed002Scheme (known-answer vectors, python3-computed)', () => {
  it.each(vectors)('signs "$name" to the expected headers', (vector) => {
    expect(seed002Scheme.sign(vector)).toEqual(vector.headers);
  });

  it.each(vectors)('verifies "$name"; the event id comes from the body, not a header', (vector) => {
    const result = seed002Scheme.verify({ ...vector, now: at(vector.timestamp) });
    expect(result).toEqual({ timestamp: vector.timestamp, matchedSecretIndex: 0, eventId: null });
  });

  it("rejects the seed's own example: a signature over JSON.stringify(JSON.parse(raw))", () => {
    const vector = vectors.find((candidate) => candidate.name.startsWith('raw bytes'));
    if (!vector) throw new Error('missing raw-bytes vector');
    const reserialised = JSON.stringify(JSON.parse(vector.rawBody));
    const headers = seed002Scheme.sign({ ...vector, rawBody: reserialised });
    expect(() => seed002Scheme.verify({ ...vector, headers, now: at(vector.timestamp) })).toThrow(
      expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_MISMATCH' }),
    );
  });

  it('carries a single signature, so signing with two secrets is refused', () => {
    expect(() => seed002Scheme.sign({ secrets: ['a', 'b'], eventId: 'evt_1', timestamp: 1, rawBody: '{}' })).toThrow(
      /exactly one secret/,
    );
  });
});
