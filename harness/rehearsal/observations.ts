import type { z } from 'zod';
import type { CallMetadata } from '../client/metadata.js';
import type { HarnessConfig } from '../config/harness-config.js';
import type { Claim, ClaimStatusView } from '../contract/schemas/claims.js';
import type { ClientAuthority } from '../contract/schemas/clients.js';
import type { Environment } from '../contract/schemas/common.js';
import type { Capabilities, PartnerOrganization } from '../contract/schemas/partner-organizations.js';
import type {
  SandboxWebhookTestResponse,
  WebhookDelivery,
  WebhookEndpointWithSecret,
} from '../contract/schemas/webhooks.js';
import type { RollbackPlanReading } from '../gates/rollback-plan.js';
import type { Artifact } from '../packet/schema.js';
import type { ReceiverLogEntry } from '../receiver/webhook-receiver.js';
import type { CorrelationEcho, ResponseLeak } from './response-audit.js';
import type { RotationObservation } from './rotation-observation.js';

/** A failure as the packet records it: names and codes a program can branch on, never a secret. */
export interface ObservedError {
  readonly name: string;
  readonly code: string;
  readonly message: string;
}

/** What one call of the golden path produced: its value, or why it did not, with its metadata. */
export type Outcome<T> =
  | { readonly ok: true; readonly value: T; readonly meta: CallMetadata }
  | { readonly ok: false; readonly error: ObservedError; readonly meta: CallMetadata | null };

export interface StepRecord {
  readonly step: string;
  readonly route: string;
  readonly at: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** Everything the golden path saw. Gates are pure functions of this, so each can be tested alone. */
export interface RehearsalObservations {
  readonly config: HarnessConfig;
  readonly target: {
    readonly baseUrl: string;
    readonly host: string;
    readonly expectedEnvironment: Environment;
    readonly partnerOrgId: string;
  };
  readonly credential: { readonly kind: 'api_key' | 'oauth'; readonly prefix: string };
  readonly artifacts: readonly Artifact[];
  /** The rollback plan read from DUTYCLAIMS_ROLLBACK_PLAN_FILE (or why it could not be), null when none was given. */
  readonly rollbackPlan: RollbackPlanReading;
  /** Set when the credential was refused before any request was sent. */
  credentialRefused: ObservedError | null;
  /**
   * Set when step 1 stopped the run before any write: the provider reported another environment or
   * contract than the one intended. Says why.
   */
  halted: string | null;
  partnerOrg: Outcome<PartnerOrganization> | null;
  capabilities: Outcome<Capabilities> | null;
  endpoint: Outcome<WebhookEndpointWithSecret> | null;
  /** The endpoint read back after creation: does the provider still show the full secret? */
  endpointReadBack: Outcome<{ readonly showsFullSecret: boolean; readonly secretPrefix: string }> | null;
  webhookTest: Outcome<z.infer<typeof SandboxWebhookTestResponse>> | null;
  /** The receiver's log entry for the synthetic delivery (harness-receiver mode). */
  webhookTestReceipt: ReceiverLogEntry | null;
  webhookTestReceiptError: string | null;
  /** The client created, or linked when its externalRef already existed (409 with resourceId). */
  client: Outcome<{ readonly id: string; readonly linked: boolean }> | null;
  authority: Outcome<ClientAuthority> | null;
  claim: Outcome<Claim> | null;
  replay: Outcome<Claim> | null;
  status: Outcome<ClaimStatusView> | null;
  /** Verified claim.status_changed deliveries for the rehearsal claim, in arrival order. */
  claimDeliveries: readonly ReceiverLogEntry[];
  claimDeliveriesError: string | null;
  deliveryLog: Outcome<readonly WebhookDelivery[]> | null;
  readonly receiverLog: readonly ReceiverLogEntry[];
  /** The key and secret rotation after the golden path (`--rotation`); null before it was considered. */
  rotation: RotationObservation | null;
  readonly steps: StepRecord[];
  /** Secrets the raw provider responses carried where they should not (prefixes only). */
  readonly responseLeaks: readonly ResponseLeak[];
  /** The X-Correlation-Id each response echoed, against the one its request sent. */
  readonly correlationEchoes: readonly CorrelationEcho[];
}
