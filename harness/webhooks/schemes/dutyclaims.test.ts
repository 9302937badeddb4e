import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../contract/package-root.js';
import { dutyClaimsScheme } from './dutyclaims.js';

interface Vector {
  name: string;
  secrets: string[];
  timestamp: number;
  rawBody: string;
  header: string;
}
const { vectors } = JSON.parse(
  readFileSync(join(packageRoot(), 'fixtures', 'webhooks', 'dutyclaims.json'), 'utf8'),
) as { vectors: Vector[] };
const at = (unixSeconds: number) => () => unixSeconds * 1000;

describe('dutyClaimsScheme (known-answer vectors)', () => {
  it.each(vectors)('signs "$name" with the signature, event id and delivery id headers', (vector) => {
    const headers = dutyClaimsScheme.sign({ ...vector, eventId: 'evt_a', deliveryId: 'whd_b' });
    expect(headers).toEqual({
      'DutyClaims-Signature': vector.header,
      'DutyClaims-Event-Id': 'evt_a',
      'DutyClaims-Delivery-Id': 'whd_b',
    });
  });

  it.each(vectors)('verifies "$name" from lower-case node:http headers with its last secret', (vector) => {
    const headers = { 'dutyclaims-signature': vector.header, 'dutyclaims-event-id': 'evt_a' };
    const secrets = ['whsec_unrelated_unrelated_unrelated_x', vector.secrets.at(-1) ?? ''];
    expect(dutyClaimsScheme.verify({ ...vector, headers, secrets, now: at(vector.timestamp) })).toEqual({
      timestamp: vector.timestamp,
      matchedSecretIndex: 1,
      eventId: 'evt_a',
    });
  });
});
