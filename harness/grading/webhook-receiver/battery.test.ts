import { describe, expect, it } from 'vitest';
import { isWebhookVerificationError } from '../../webhooks/errors.js';
import { WEBHOOK_SCHEME_IDS, webhookSchemes } from '../../webhooks/schemes/registry.js';
import { planBattery } from './battery.js';
import { WEBHOOK_RECEIVER_CHECKS } from './checks.js';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const now = () => 1_767_225_600_000;
const body = { partnerOrgId: 'porg_aaaaaaaaaaaaaaaaaaaa', endpointId: 'we_aaaaaaaaaaaaaaaaaaaa' };

describe.each(WEBHOOK_SCHEME_IDS)('planBattery with the %s scheme', (id) => {
  const scheme = webhookSchemes[id];
  const deliveries = [...planBattery({ scheme, secret, toleranceSeconds: 300, now, body })];
  const verdict = (delivery: (typeof deliveries)[number]) => {
    try {
      scheme.verify({ headers: delivery.headers, rawBody: delivery.rawBody, secrets: secret, now });
      return 'accept';
    } catch (error) {
      if (isWebhookVerificationError(error)) return 'reject';
      throw error;
    }
  };

  it('plans deliveries that a correct verifier accepts or rejects exactly as expected', () => {
    for (const delivery of deliveries)
      expect(verdict(delivery), `${delivery.checkId}: ${delivery.label}`).toBe(delivery.expectation);
  });

  it('covers every delivery-based check, with a fresh event id per case except the duplicate and the forgery', () => {
    const checks = new Set(deliveries.map((delivery) => delivery.checkId));
    const expected = WEBHOOK_RECEIVER_CHECKS.map((check) => check.id).filter(
      (check) => check !== 'rejected-not-processed' && (check !== 'rotation' || scheme.multipleSignatures),
    );
    expect([...checks].sort()).toEqual([...expected].sort());
    const duplicate = deliveries.filter((delivery) => delivery.checkId === 'duplicate-processed-once');
    expect(duplicate).toHaveLength(2);
    expect(duplicate[0]?.eventId).toBe(duplicate[1]?.eventId);
    expect(duplicate[0]?.rawBody).toBe(duplicate[1]?.rawBody);
    expect(duplicate[0]?.deliveryId).not.toBe(duplicate[1]?.deliveryId);
    const forged = deliveries.filter((delivery) => delivery.checkId === 'forged-then-genuine');
    expect(forged.map((delivery) => delivery.expectation)).toEqual(['reject', 'accept']);
    expect(forged[0]?.eventId).toBe(forged[1]?.eventId);
    const others = deliveries.filter(
      (delivery) => delivery.checkId !== 'duplicate-processed-once' && delivery.checkId !== 'forged-then-genuine',
    );
    expect(new Set(others.map((delivery) => delivery.eventId)).size).toBe(others.length);
  });

  it.runIf(scheme.multipleSignatures)('puts the receiver signature first, in the middle and last', () => {
    const rotation = deliveries.filter((delivery) => delivery.checkId === 'rotation');
    expect(rotation.map((delivery) => delivery.label.split(' ').at(-1))).toEqual(['first', 'middle', 'last']);
  });

  it('puts the event id in the body (and the event-id header when the scheme has one)', () => {
    for (const delivery of deliveries) {
      expect((JSON.parse(delivery.rawBody) as { id: string }).id).toBe(delivery.eventId);
      if (scheme.eventIdHeader && delivery.headers[scheme.eventIdHeader] !== undefined)
        expect(delivery.headers[scheme.eventIdHeader]).toBe(delivery.eventId);
    }
  });

  it('never carries the secret in a label', () => {
    for (const delivery of deliveries) expect(delivery.label).not.toContain(secret.slice(12));
  });
});
