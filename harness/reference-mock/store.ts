import type { AuthorityStatus, ClaimStatus, CreateClaimRequest, DeliveryStatus, EventType } from '../contract/index.js';
import { DeliveryLog } from './delivery-log.js';
import type { ClaimOutcome, ClaimTimeline, RetentionLimits } from './options.js';

export interface OrgRecord {
  readonly id: string;
  readonly name: string;
  readonly environment: 'sandbox' | 'production';
  readonly createdAt: string;
}

export interface ClientRecord {
  readonly id: string;
  readonly orgId: string;
  readonly externalRef: string;
  readonly name: string;
  readonly country: string;
  readonly eoriNumber: string | null;
  readonly createdAt: string;
  authorityStatus: AuthorityStatus;
  grantedAt: string | null;
  authorityUpdatedAt: string;
}

/**
 * A claim, kept compact: its history is not stored but follows from the timeline it was created
 * under (received at `createdAtMs`, then validating, submitted and the outcome at the timeline's
 * offsets), of which it has reached the first `steps` (claims-lifecycle.ts formats it).
 */
export interface ClaimRecord {
  readonly id: string;
  readonly jobId: string;
  readonly orgId: string;
  readonly clientId: string;
  readonly claimType: CreateClaimRequest['claimType'];
  readonly amount: CreateClaimRequest['amount'];
  readonly reference: string;
  /** Mock epoch ms of creation (`received`). */
  readonly createdAtMs: number;
  /** The offsets of the later statuses, as scheduled at creation (shared by every claim of that timeline). */
  readonly timeline: ClaimTimeline;
  readonly outcome: ClaimOutcome;
  status: ClaimStatus;
  /** Statuses reached so far, 1 (received) to 4 (the outcome). */
  steps: number;
  /** The serialized status view, rebuilt only when the status changes (hot path). */
  statusJson: string | null;
}

export interface SecretRecord {
  readonly value: string;
  /** Mock epoch ms after which it no longer signs; null while current. */
  expiresAt: number | null;
}

export interface EndpointRecord {
  readonly id: string;
  readonly orgId: string;
  readonly url: string;
  readonly eventTypes: readonly EventType[];
  readonly description: string | null;
  readonly createdAt: string;
  /** Newest first. */
  secrets: SecretRecord[];
  /** A disabled endpoint gets no deliveries. */
  status: 'enabled' | 'disabled';
  /** Attempts to one endpoint go out one at a time, in order. */
  queue: Promise<void>;
}

export interface DeliveryAttemptRecord {
  readonly attempt: number;
  readonly at: string;
  readonly responseStatus: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

export interface DeliveryRecord {
  readonly seq: number;
  readonly id: string;
  readonly eventId: string;
  readonly endpointId: string;
  readonly orgId: string;
  readonly eventType: EventType;
  readonly createdAt: string;
  /** The signed bytes; null once succeeded or failed (nothing signs them again), to keep the log small. */
  rawBody: string | null;
  status: DeliveryStatus;
  attempts: DeliveryAttemptRecord[];
  /** Mock epoch ms of the next attempt; null once succeeded or failed. */
  nextAttemptAt: number | null;
}

const createdMs = (record: { readonly createdAt: string }) => Date.parse(record.createdAt);
const claimCreatedMs = (claim: ClaimRecord) => claim.createdAtMs;

/** Deletes the oldest entries of `map` while it is over `max` or its oldest was created before `cutoff`. */
function trimOldest<V>(
  map: Map<string, V>,
  max: number,
  cutoff: number,
  created: (value: V) => number,
  onDelete?: (value: V) => void,
): void {
  for (const [key, value] of map) {
    if (map.size <= max && created(value) >= cutoff) return;
    map.delete(key);
    onDelete?.(value);
  }
}

/**
 * All resources of one mock, in memory, bounded by `limits`: after each write the oldest records go
 * once a store is over its count, or once they are older than `maxAgeMs` of mock time (insertion
 * order is creation order, so each trim stops at the first record it keeps). `reset` replaces it.
 */
export class MockStore {
  readonly orgs = new Map<string, OrgRecord>();
  readonly clients = new Map<string, ClientRecord>();
  /** `${orgId}\n${externalRef}` -> client id. */
  readonly clientsByRef = new Map<string, string>();
  readonly claims = new Map<string, ClaimRecord>();
  readonly endpoints = new Map<string, EndpointRecord>();
  /** Oldest first, indexed for the delivery-log filters. */
  readonly deliveries = new DeliveryLog();

  constructor(readonly limits: RetentionLimits) {}

  /** Applies the limits at mock instant `now`; cheap when nothing is due (called on every write). */
  retain(now: number): void {
    const cutoff = now - this.limits.maxAgeMs;
    trimOldest(this.claims, this.limits.maxClaims, cutoff, claimCreatedMs);
    trimOldest(this.clients, this.limits.maxClients, cutoff, createdMs, (client) =>
      this.clientsByRef.delete(`${client.orgId}\n${client.externalRef}`),
    );
    const { deliveries } = this;
    for (let oldest = deliveries.oldest(); oldest !== undefined; oldest = deliveries.oldest()) {
      if (deliveries.size <= this.limits.maxDeliveries && createdMs(oldest) >= cutoff) break;
      deliveries.dropOldest();
    }
  }

  /**
   * Endpoints: disabled ones go once older than `maxAgeMs`; over the count, the oldest disabled go
   * first, then the oldest. An enabled endpoint is never forgotten for its age alone.
   */
  retainEndpoints(now: number): void {
    const cutoff = now - this.limits.maxAgeMs;
    for (const [id, endpoint] of this.endpoints)
      if (endpoint.status === 'disabled' && createdMs(endpoint) < cutoff) this.endpoints.delete(id);
    for (const onlyDisabled of [true, false])
      for (const [id, endpoint] of this.endpoints) {
        if (this.endpoints.size <= this.limits.maxEndpoints) return;
        if (!onlyDisabled || endpoint.status === 'disabled') this.endpoints.delete(id);
      }
  }
}
