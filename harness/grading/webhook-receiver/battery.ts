import type { WebhookScheme } from '../../webhooks/schemes/scheme.js';
import { withHeader } from '../../webhooks/schemes/scheme.js';
import { secretHint } from '../shared/report.js';
import { type BodyContext, eventBody, reserializationCase } from './bodies.js';
import type { WebhookReceiverCheckId } from './checks.js';
import type { PlannedDelivery } from './deliver.js';
import { randomId, randomSecret } from './ids.js';

export interface BatteryContext {
  readonly scheme: WebhookScheme;
  readonly secret: string;
  readonly toleranceSeconds: number;
  readonly now: () => number;
  readonly body: BodyContext;
}

/** Where the receiver's own signature sits among the rotation deliveries' v1 signatures. */
export const ROTATION_POSITIONS = ['first', 'middle', 'last'] as const;

/** Seconds beyond the tolerance used for stale and future timestamps, so clock skew cannot blur them. */
export const TOLERANCE_MARGIN_SECONDS = 60;

interface Build {
  readonly checkId: WebhookReceiverCheckId;
  readonly label: string;
  readonly expectation: 'accept' | 'reject';
  readonly eventId?: string;
  readonly secrets?: readonly string[];
  readonly timestamp?: number;
  /** The bytes the signature is computed over, when they differ from the bytes sent. */
  readonly signedBody?: string;
  readonly rawBody?: string;
  readonly editHeaders?: (headers: Record<string, string>) => Readonly<Record<string, string>>;
}

/**
 * The deliveries of the battery, in sending order. A generator, so that each delivery is signed
 * with the clock read just before it is sent, however slow the receiver is.
 */
export function* planBattery(context: BatteryContext): Generator<PlannedDelivery, void, undefined> {
  const { scheme, secret, toleranceSeconds } = context;
  const nowSeconds = () => Math.floor(context.now() / 1000);
  const build = (spec: Build): PlannedDelivery => {
    const eventId = spec.eventId ?? randomId('evt');
    const deliveryId = randomId('whd');
    const createdAt = new Date(context.now()).toISOString();
    const rawBody = spec.rawBody ?? eventBody(context.body, eventId, createdAt, `grade-webhook: ${spec.checkId}`);
    const headers = scheme.sign({
      secrets: spec.secrets ?? [secret],
      eventId,
      timestamp: spec.timestamp ?? nowSeconds(),
      rawBody: spec.signedBody ?? rawBody,
      deliveryId,
    });
    const label = spec.label.replace('{secret}', secretHint(secret));
    const sent = spec.editHeaders ? spec.editHeaders(headers) : headers;
    return { checkId: spec.checkId, label, expectation: spec.expectation, eventId, deliveryId, headers: sent, rawBody };
  };

  yield build({ checkId: 'valid-delivery', label: 'signed with the receiver secret {secret}', expectation: 'accept' });

  const tamperedId = randomId('evt');
  const signedBody = eventBody(
    context.body,
    tamperedId,
    new Date(context.now()).toISOString(),
    'grade-webhook: original',
  );
  yield build({
    checkId: 'tampered-body',
    label: 'body changed after signing',
    expectation: 'reject',
    eventId: tamperedId,
    signedBody,
    rawBody: signedBody.replace('grade-webhook: original', 'grade-webhook: TAMPERED'),
  });

  const other = randomSecret();
  yield build({
    checkId: 'wrong-secret',
    label: `signed with another secret ${secretHint(other)}`,
    expectation: 'reject',
    secrets: [other],
  });

  yield build({
    checkId: 'missing-signature',
    label: `no ${scheme.signatureHeader} header`,
    expectation: 'reject',
    editHeaders: (headers) => withHeader(headers, scheme.signatureHeader, undefined),
  });

  const variants = scheme.malformed(scheme.sign({ secrets: secret, eventId: 'evt_x', timestamp: 1, rawBody: '{}' }));
  for (const [index, variant] of variants.entries())
    yield build({
      checkId: 'malformed-signature',
      label: `malformed: ${variant.label}`,
      expectation: 'reject',
      editHeaders: (headers) => scheme.malformed(headers)[index]?.headers ?? headers,
    });

  const offset = toleranceSeconds + TOLERANCE_MARGIN_SECONDS;
  yield build({
    checkId: 'stale-timestamp',
    label: `signed ${offset} s ago (tolerance ${toleranceSeconds} s)`,
    expectation: 'reject',
    timestamp: nowSeconds() - offset,
  });
  yield build({
    checkId: 'future-timestamp',
    label: `signed ${offset} s ahead (tolerance ${toleranceSeconds} s)`,
    expectation: 'reject',
    timestamp: nowSeconds() + offset,
  });

  const reserializations = reserializationCase(context.body, 'evt_x', '').variants.length;
  for (let index = 0; index < reserializations; index++) {
    const eventId = randomId('evt');
    const { rawBody, variants: texts } = reserializationCase(
      context.body,
      eventId,
      new Date(context.now()).toISOString(),
    );
    const reserialized = texts[index];
    if (!reserialized) continue;
    yield build({
      checkId: 'reserialized-body',
      label: `signature over ${reserialized.label}`,
      expectation: 'reject',
      eventId,
      rawBody,
      signedBody: reserialized.text,
    });
  }

  // The receiver's secret first, in the middle and last: a receiver that checks only one position of
  // the v1 list fails at least one of them.
  if (scheme.multipleSignatures)
    for (const position of ROTATION_POSITIONS) {
      const [before, after] = [randomSecret(), randomSecret()];
      const secrets = { first: [secret, before], middle: [before, secret, after], last: [before, secret] }[position];
      yield build({
        checkId: 'rotation',
        label: `${secrets.length} v1 signatures, {secret} ${position}`,
        expectation: 'accept',
        secrets,
      });
    }

  // A forged delivery of an event, then the genuine one: a receiver that records the event id as seen
  // before verifying answers the genuine delivery "duplicate" and never processes the event.
  const poisonedId = randomId('evt');
  const forger = randomSecret();
  yield build({
    checkId: 'forged-then-genuine',
    label: `forged: event signed with another secret ${secretHint(forger)}`,
    expectation: 'reject',
    eventId: poisonedId,
    secrets: [forger],
  });
  yield build({
    checkId: 'forged-then-genuine',
    label: 'genuine: the same event id signed with {secret}',
    expectation: 'accept',
    eventId: poisonedId,
  });

  // A provider's retry carries the same event id and body but is re-signed later: deduplicating on
  // event id + timestamp (as one provider's checklist suggests) processes it twice.
  const duplicateId = randomId('evt');
  const duplicateBody = eventBody(
    context.body,
    duplicateId,
    new Date(context.now()).toISOString(),
    'grade-webhook: once',
  );
  const firstAt = nowSeconds() - 1;
  const duplicate = {
    checkId: 'duplicate-processed-once',
    expectation: 'accept',
    eventId: duplicateId,
    rawBody: duplicateBody,
  } as const;
  yield build({ ...duplicate, label: `first delivery, signed at t=${firstAt}`, timestamp: firstAt });
  const againAt = Math.max(firstAt + 1, nowSeconds());
  yield build({
    ...duplicate,
    label: `duplicate: same event and body, new delivery id, re-signed at t=${againAt}`,
    timestamp: againAt,
  });
}
