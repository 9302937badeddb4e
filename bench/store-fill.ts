// Grows a mock's store to N claims and 4 N deliveries (received, validating, submitted, decided), each
// record a copy of the shape the handlers write, with its own ids and event body, delivered (2xx) once.
import { newId } from '../harness/reference-mock/ids.js';
import type { ClaimRecord, DeliveryRecord, MockStore } from '../harness/reference-mock/store.js';

const STATUSES = ['received', 'validating', 'submitted', 'accepted'] as const;
/** Endpoints the synthetic deliveries go to (the org's real endpoints are left alone). */
const ENDPOINTS = Array.from({ length: 4 }, () => newId('we'));

/** Adds claims like `template` until the store holds `claims` of them. */
export function fillClaims(store: MockStore, template: ClaimRecord, claims: number): void {
  for (let i = store.claims.size; i < claims; i++) {
    const id = newId('clm');
    store.claims.set(id, {
      ...template,
      id,
      jobId: newId('job'),
      statusJson: null,
    });
  }
}

/** Adds succeeded `claim.status_changed` deliveries of `orgId` until the store holds `deliveries`. */
export function fillDeliveries(store: MockStore, orgId: string, deliveries: number, createdAt: string): void {
  for (let i = store.deliveries.size; i < deliveries; i++) {
    const eventId = newId('evt');
    const status = STATUSES[i % 4] ?? 'received';
    const record: DeliveryRecord = {
      seq: store.deliveries.nextSeq(),
      id: newId('whd'),
      eventId,
      endpointId: ENDPOINTS[i % ENDPOINTS.length] ?? '',
      orgId,
      eventType: 'claim.status_changed',
      createdAt,
      rawBody: JSON.stringify({
        id: eventId,
        type: 'claim.status_changed',
        createdAt,
        partnerOrgId: orgId,
        data: { claimId: newId('clm'), jobId: newId('job'), previousStatus: null, status },
      }),
      status: 'pending',
      attempts: [{ attempt: 1, at: createdAt, responseStatus: 204, error: null, durationMs: 1 }],
      nextAttemptAt: null,
    };
    store.deliveries.append(record);
    store.deliveries.setStatus(record, 'succeeded'); // as the dispatcher does after a 2xx
  }
}
