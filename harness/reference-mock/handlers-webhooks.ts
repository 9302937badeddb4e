import { randomBytes } from 'node:crypto';
import {
  type CreateWebhookEndpointRequest,
  type ListWebhookDeliveriesQuery,
  MAX_ACTIVE_SIGNING_SECRETS,
  ROTATION_OVERLAP_MS,
} from '../contract/index.js';
import { type HandlerContext, type HandlerResult, notFound, orgOf } from './handler-context.js';
import { newId } from './ids.js';
import { isLoopbackUrl, NON_LOOPBACK_REASON } from './loopback.js';
import { validationProblem } from './problem.js';
import type { DeliveryRecord, EndpointRecord } from './store.js';

/** Characters of a signing secret shown after creation ("whsec_" + 6). */
export const SECRET_PREFIX_LENGTH = 12;

const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

const endpointBody = (endpoint: EndpointRecord) => ({
  id: endpoint.id,
  url: endpoint.url,
  eventTypes: [...endpoint.eventTypes],
  description: endpoint.description,
  status: endpoint.status,
  secretPrefix: (endpoint.secrets[0]?.value ?? '').slice(0, SECRET_PREFIX_LENGTH),
  createdAt: endpoint.createdAt,
});

function ownEndpoint(ctx: HandlerContext, id: string): EndpointRecord {
  const endpoint = ctx.engine.store.endpoints.get(id);
  if (endpoint === undefined || endpoint.orgId !== orgOf(ctx)) throw notFound('webhook endpoint', id);
  return endpoint;
}

/** POST /v1/webhooks/endpoints: returns the signing secret, the only time it is shown. */
export function createWebhookEndpoint(ctx: HandlerContext): HandlerResult {
  const body = ctx.body as CreateWebhookEndpointRequest;
  const { engine } = ctx;
  if (!engine.options.webhookDelivery.allowNonLoopback && !isLoopbackUrl(body.url))
    throw validationProblem([{ field: 'url', reason: NON_LOOPBACK_REASON }]);
  const secret = newSecret();
  const endpoint: EndpointRecord = {
    id: newId('we'),
    orgId: orgOf(ctx),
    url: body.url,
    eventTypes: [...new Set(body.eventTypes)],
    description: body.description ?? null,
    createdAt: engine.clock.iso(),
    secrets: [{ value: secret, expiresAt: null }],
    status: 'enabled',
    queue: Promise.resolve(),
  };
  engine.store.endpoints.set(endpoint.id, endpoint);
  engine.store.retainEndpoints(engine.clock.now());
  return { status: 201, body: { ...endpointBody(endpoint), secret } };
}

/** GET /v1/webhooks/endpoints/{endpointId}: the secret only as a prefix. */
export function getWebhookEndpoint(ctx: HandlerContext): HandlerResult {
  return { status: 200, body: endpointBody(ownEndpoint(ctx, ctx.params.endpointId ?? '')) };
}

/**
 * POST .../rotate-secret: a new secret; the previous one keeps signing for 24 h of mock time. At most
 * MAX_ACTIVE_SIGNING_SECRETS sign at once (the oldest expires at once beyond that), so the signature
 * header stays small however often a partner rotates.
 */
export function rotateWebhookSecret(ctx: HandlerContext): HandlerResult {
  const endpoint = ownEndpoint(ctx, ctx.params.endpointId ?? '');
  const now = ctx.engine.clock.now();
  const secret = newSecret();
  const kept = endpoint.secrets
    .filter((s) => s.expiresAt === null || s.expiresAt > now)
    .slice(0, MAX_ACTIVE_SIGNING_SECRETS - 1);
  for (const old of kept) if (old.expiresAt === null) old.expiresAt = now + ROTATION_OVERLAP_MS;
  endpoint.secrets = [{ value: secret, expiresAt: null }, ...kept];
  return { status: 200, body: { ...endpointBody(endpoint), secret } };
}

/** POST .../disable: no new deliveries; retries still pending end as failed at their next turn. */
export function disableWebhookEndpoint(ctx: HandlerContext): HandlerResult {
  const endpoint = ownEndpoint(ctx, ctx.params.endpointId ?? '');
  endpoint.status = 'disabled';
  return { status: 200, body: endpointBody(endpoint) };
}

/** POST /v1/sandbox/webhooks/test: queues a signed `sandbox.test` event. */
export function sendSandboxWebhookTest(ctx: HandlerContext): HandlerResult {
  const body = ctx.body as { endpointId: string; eventType: 'sandbox.test' };
  const endpoint = ownEndpoint(ctx, body.endpointId);
  if (endpoint.status === 'disabled')
    throw validationProblem([{ field: 'endpointId', reason: 'the endpoint is disabled: register a new one' }]);
  const queued = ctx.engine.dispatcher.send(endpoint, 'sandbox.test', {
    endpointId: endpoint.id,
    message: 'Synthetic sandbox.test event from the DutyClaims reference mock. Verify its signature on the raw body.',
  });
  const first = queued.deliveries[0];
  return {
    status: 202,
    body: { deliveryId: first?.id, eventId: queued.eventId, endpointId: endpoint.id, status: 'pending' },
  };
}

const encodeCursor = (seq: number) => Buffer.from(`whd:${seq}`).toString('base64url');

function decodeCursor(cursor: string): number {
  const match = /^whd:([1-9][0-9]{0,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match?.[1]) throw validationProblem([{ field: 'cursor', reason: 'not a cursor this API returned' }]);
  return Number(match[1]);
}

const deliveryBody = (delivery: DeliveryRecord) => ({
  id: delivery.id,
  eventId: delivery.eventId,
  endpointId: delivery.endpointId,
  eventType: delivery.eventType,
  status: delivery.status,
  attempts: delivery.attempts,
  createdAt: delivery.createdAt,
  nextAttemptAt: delivery.nextAttemptAt === null ? null : new Date(delivery.nextAttemptAt).toISOString(),
});

/** GET /v1/webhook-deliveries: newest first, filtered, cursor-paginated. */
export function listWebhookDeliveries(ctx: HandlerContext): HandlerResult {
  const query = ctx.query as Required<Pick<ListWebhookDeliveriesQuery, 'limit'>> & ListWebhookDeliveriesQuery;
  const { page, hasMore } = ctx.engine.store.deliveries.query({
    orgId: orgOf(ctx),
    endpointId: query.endpointId,
    eventType: query.eventType,
    status: query.status,
    beforeSeq: query.cursor === undefined ? Number.POSITIVE_INFINITY : decodeCursor(query.cursor),
    limit: Number(query.limit),
  });
  const last = page[page.length - 1];
  return {
    status: 200,
    body: {
      data: page.map(deliveryBody),
      hasMore,
      nextCursor: hasMore && last ? encodeCursor(last.seq) : null,
    },
  };
}
