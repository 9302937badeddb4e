import { z } from 'zod';
import { ClaimStatus } from './claims.js';
import {
  ClaimId,
  Cursor,
  EventId,
  JobId,
  PartnerOrgId,
  pageOf,
  Timestamp,
  WebhookDeliveryId,
  WebhookEndpointId,
} from './common.js';

export const EventType = z.enum(['claim.status_changed', 'sandbox.test']);
export type EventType = z.infer<typeof EventType>;

export const SigningSecret = z.string().regex(/^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/);

export const CreateWebhookEndpointRequest = z.object({
  url: z.url({ protocol: /^https?$/ }),
  eventTypes: z.array(EventType).min(1),
  description: z.string().max(200).optional(),
});
export type CreateWebhookEndpointRequest = z.infer<typeof CreateWebhookEndpointRequest>;

export const WebhookEndpoint = z.object({
  id: WebhookEndpointId,
  url: z.string(),
  eventTypes: z.array(EventType),
  description: z.string().nullable(),
  status: z.enum(['enabled', 'disabled']),
  secretPrefix: z
    .string()
    .meta({ description: 'The first characters of the signing secret, for support conversations.' }),
  createdAt: Timestamp,
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

/** Returned only on creation and rotation: the one time the full signing secret is shown. */
export const WebhookEndpointWithSecret = WebhookEndpoint.extend({ secret: SigningSecret });
export type WebhookEndpointWithSecret = z.infer<typeof WebhookEndpointWithSecret>;

export const WebhookEndpointParams = z.object({ endpointId: WebhookEndpointId });

export const SandboxWebhookTestRequest = z.object({
  endpointId: WebhookEndpointId,
  eventType: z.literal('sandbox.test').default('sandbox.test'),
});

export const DeliveryStatus = z.enum(['pending', 'retrying', 'succeeded', 'failed']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

export const SandboxWebhookTestResponse = z.object({
  deliveryId: WebhookDeliveryId,
  eventId: EventId,
  endpointId: WebhookEndpointId,
  status: DeliveryStatus,
});

export const DeliveryAttempt = z.object({
  attempt: z.number().int().min(1),
  at: Timestamp,
  responseStatus: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int().min(0),
});

export const WebhookDelivery = z.object({
  id: WebhookDeliveryId,
  eventId: EventId,
  endpointId: WebhookEndpointId,
  eventType: EventType,
  status: DeliveryStatus,
  attempts: z.array(DeliveryAttempt),
  createdAt: Timestamp,
  nextAttemptAt: Timestamp.nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const WebhookDeliveryPage = pageOf(WebhookDelivery);
export type WebhookDeliveryPage = z.infer<typeof WebhookDeliveryPage>;

export const ListWebhookDeliveriesQuery = z.object({
  endpointId: WebhookEndpointId.optional(),
  eventType: EventType.optional(),
  status: DeliveryStatus.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: Cursor.optional(),
});
export type ListWebhookDeliveriesQuery = z.input<typeof ListWebhookDeliveriesQuery>;

/** The JSON body of a webhook delivery. Its raw bytes are what the signature covers. */
export const ClaimStatusChangedEvent = z.object({
  id: EventId,
  type: z.literal('claim.status_changed'),
  createdAt: Timestamp,
  partnerOrgId: PartnerOrgId,
  data: z.object({
    claimId: ClaimId,
    jobId: JobId,
    previousStatus: ClaimStatus.nullable(),
    status: ClaimStatus,
  }),
});

export const SandboxTestEvent = z.object({
  id: EventId,
  type: z.literal('sandbox.test'),
  createdAt: Timestamp,
  partnerOrgId: PartnerOrgId,
  data: z.object({ endpointId: WebhookEndpointId, message: z.string() }),
});

export const WebhookEvent = z.discriminatedUnion('type', [ClaimStatusChangedEvent, SandboxTestEvent]);
export type WebhookEvent = z.infer<typeof WebhookEvent>;
