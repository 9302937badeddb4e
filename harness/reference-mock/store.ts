import type { AuthorityStatus, ClaimStatus, CreateClaimRequest, DeliveryStatus, EventType } from '../contract/index.js';
import type { ClaimOutcome } from './options.js';

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

export interface ClaimRecord {
  readonly id: string;
  readonly jobId: string;
  readonly orgId: string;
  readonly clientId: string;
  readonly claimType: CreateClaimRequest['claimType'];
  readonly amount: CreateClaimRequest['amount'];
  readonly reference: string;
  readonly createdAt: string;
  readonly outcome: ClaimOutcome;
  status: ClaimStatus;
  history: { status: ClaimStatus; at: string; reason: string | null }[];
  updatedAt: string;
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
  readonly rawBody: string;
  status: DeliveryStatus;
  attempts: DeliveryAttemptRecord[];
  /** Mock epoch ms of the next attempt; null once succeeded or failed. */
  nextAttemptAt: number | null;
}

/** All resources of one mock, in memory. `reset` replaces the whole store. */
export class MockStore {
  readonly orgs = new Map<string, OrgRecord>();
  readonly clients = new Map<string, ClientRecord>();
  /** `${orgId}\n${externalRef}` -> client id. */
  readonly clientsByRef = new Map<string, string>();
  readonly claims = new Map<string, ClaimRecord>();
  readonly endpoints = new Map<string, EndpointRecord>();
  /** Oldest first; `seq` is the index + 1. */
  readonly deliveries: DeliveryRecord[] = [];
}
