import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../contract/package-root.js';
import { xDualSignatureScheme } from './x-dual-signature.js';

interface Vector {
  name: string;
  secrets: string[];
  eventId: string;
  timestamp: number;
  rawBody: string;
  headers: Record<string, string>;
}
const { vectors } = JSON.parse(
  readFileSync(join(packageRoot(), 'fixtures', 'webhooks', 'x-dual-signature.json'), 'utf8'),
) as {
  vectors: Vector[];
};
const at = (unixSeconds: number) => () => unixSeconds * 1000;

describe('xDualSignatureScheme (known-answer vectors, python3-computed)', () => {
  it.each(vectors)('signs "$name" to the expected headers', (vector) => {
    expect(xDualSignatureScheme.sign(vector)).toEqual(vector.headers);
  });

  it.each(vectors)('verifies "$name"; the event id comes from the body, not a header', (vector) => {
    const result = xDualSignatureScheme.verify({ ...vector, now: at(vector.timestamp) });
    expect(result).toEqual({ timestamp: vector.timestamp, matchedSecretIndex: 0, eventId: null });
  });

  it('rejects the mistake its checklist warns about: a signature over JSON.stringify(JSON.parse(raw))', () => {
    const vector = vectors.find((candidate) => candidate.name.startsWith('raw bytes'));
    if (!vector) throw new Error('missing raw-bytes vector');
    const reserialised = JSON.stringify(JSON.parse(vector.rawBody));
    const headers = xDualSignatureScheme.sign({ ...vector, rawBody: reserialised });
    expect(() => xDualSignatureScheme.verify({ ...vector, headers, now: at(vector.timestamp) })).toThrow(
      expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_MISMATCH' }),
    );
  });

  it('carries a single signature, so signing with two secrets is refused', () => {
    expect(() =>
      xDualSignatureScheme.sign({ secrets: ['a', 'b'], eventId: 'evt_1', timestamp: 1, rawBody: '{}' }),
    ).toThrow(/exactly one secret/);
  });
});
