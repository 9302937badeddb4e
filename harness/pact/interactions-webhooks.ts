import { MatchersV3 } from '@pact-foundation/pact';
import { Headers } from '../contract/headers.js';
import { EventId, WebhookDeliveryId, WebhookEndpointId } from '../contract/schemas/common.js';
import { DeliveryStatus, EventType, SigningSecret } from '../contract/schemas/webhooks.js';
import { PactExamples } from './examples.js';
import { check } from './exercise.js';
import { type ConsumerInteraction, defineInteraction } from './interaction.js';
import { matching, timestampLike } from './matchers.js';
import { injected, ProviderStates } from './provider-states.js';

const { atLeastLike, eachLike, fromProviderState, integer, like, regex } = MatchersV3;

const EVENT_TYPES = ['claim.status_changed', 'sandbox.test'] as const;
const endpointState = { name: ProviderStates.webhookEndpointExists, params: { description: 'launch rehearsal' } };
const endpointPath = (suffix = '') =>
  fromProviderState(
    `/v1/webhooks/endpoints/${injected('endpointId')}${suffix}`,
    `/v1/webhooks/endpoints/${PactExamples.endpointId}${suffix}`,
  );

/** A webhook endpoint as the provider shows it; the full secret only on creation and rotation. */
const endpointBody = (withSecret: boolean) => ({
  id: matching(WebhookEndpointId, PactExamples.endpointId),
  url: like(PactExamples.webhookUrl),
  eventTypes: atLeastLike(matching(EventType, 'claim.status_changed'), 1, 2),
  description: like('launch rehearsal'),
  status: regex('^(enabled|disabled)$', 'enabled'),
  secretPrefix: like(PactExamples.signingSecret.slice(0, 12)),
  createdAt: timestampLike(),
  ...(withSecret ? { secret: matching(SigningSecret, PactExamples.signingSecret) } : {}),
});

/** Endpoint registration, read-back, rotation, disabling, the sandbox test delivery and the delivery log. */
export const webhookInteractions: readonly ConsumerInteraction[] = [
  defineInteraction({
    id: 'createWebhookEndpoint.success',
    route: 'createWebhookEndpoint',
    outcome: 'success',
    description: 'a registration of a webhook endpoint',
    states: [{ name: ProviderStates.webhookReceiverAccepted }],
    credential: 'apiKey',
    idempotencyKey: 'pact-webhook-endpoint-0001',
    request: {
      path: '/v1/webhooks/endpoints',
      json: {
        url: fromProviderState(injected('webhookUrl'), PactExamples.webhookUrl),
        eventTypes: [...EVENT_TYPES],
        description: 'launch rehearsal',
      },
    },
    response: { status: 201, headers: { [Headers.idempotentReplayed]: 'false' }, body: endpointBody(true) },
    exercise: async (client) => {
      const { data, meta } = await client.createWebhookEndpoint({
        url: PactExamples.webhookUrl,
        eventTypes: [...EVENT_TYPES],
        description: 'launch rehearsal',
      });
      check(data.secret.startsWith(data.secretPrefix), 'The secret prefix is not a prefix of the secret.');
      check(meta.replayed === false, 'A first registration was reported as a replay.');
    },
  }),
  defineInteraction({
    id: 'getWebhookEndpoint.success',
    route: 'getWebhookEndpoint',
    outcome: 'success',
    description: 'a read-back of a webhook endpoint',
    states: [endpointState],
    credential: 'apiKey',
    request: { path: endpointPath() },
    response: { status: 200, body: endpointBody(false) },
    exercise: async (client) => {
      const { data } = await client.getWebhookEndpoint(PactExamples.endpointId);
      check(!('secret' in data), 'The read-back shows the full signing secret.');
    },
  }),
  defineInteraction({
    id: 'rotateWebhookSecret.success',
    route: 'rotateWebhookSecret',
    outcome: 'success',
    description: 'a rotation of the signing secret of a webhook endpoint',
    states: [endpointState],
    credential: 'apiKey',
    idempotencyKey: 'pact-rotate-secret-0001',
    request: { path: endpointPath('/rotate-secret') },
    response: { status: 200, headers: { [Headers.idempotentReplayed]: 'false' }, body: endpointBody(true) },
    exercise: async (client) => {
      const { data } = await client.rotateWebhookSecret(PactExamples.endpointId);
      check(SigningSecret.safeParse(data.secret).success, 'The rotated secret is not a signing secret.');
    },
  }),
  defineInteraction({
    id: 'disableWebhookEndpoint.success',
    route: 'disableWebhookEndpoint',
    outcome: 'success',
    description: 'disabling a webhook endpoint a run no longer needs',
    states: [endpointState],
    credential: 'apiKey',
    idempotencyKey: 'pact-disable-endpoint-0001',
    request: { path: endpointPath('/disable') },
    response: {
      status: 200,
      headers: { [Headers.idempotentReplayed]: 'false' },
      body: { ...endpointBody(false), status: 'disabled' },
    },
    exercise: async (client) => {
      const { data } = await client.disableWebhookEndpoint(PactExamples.endpointId);
      check(data.status === 'disabled', 'The endpoint is not disabled after disabling it.');
    },
  }),
  defineInteraction({
    id: 'sendSandboxWebhookTest.success',
    route: 'sendSandboxWebhookTest',
    outcome: 'success',
    description: 'a request for a synthetic sandbox webhook delivery',
    states: [endpointState],
    credential: 'apiKey',
    idempotencyKey: 'pact-sandbox-test-0001',
    request: {
      path: '/v1/sandbox/webhooks/test',
      json: { endpointId: fromProviderState(injected('endpointId'), PactExamples.endpointId) },
    },
    response: {
      status: 202,
      headers: { [Headers.idempotentReplayed]: 'false' },
      body: {
        deliveryId: matching(WebhookDeliveryId, PactExamples.deliveryId),
        eventId: matching(EventId, PactExamples.eventId),
        endpointId: matching(WebhookEndpointId, PactExamples.endpointId),
        status: matching(DeliveryStatus, 'pending'),
      },
    },
    exercise: async (client) => {
      const { data } = await client.sendSandboxWebhookTest({ endpointId: PactExamples.endpointId });
      check(data.endpointId === PactExamples.endpointId, 'The delivery names another endpoint.');
    },
  }),
  defineInteraction({
    id: 'listWebhookDeliveries.success',
    route: 'listWebhookDeliveries',
    outcome: 'success',
    description: 'a read of the webhook delivery log of an endpoint',
    states: [{ name: ProviderStates.webhookDeliverySucceeded }],
    credential: 'apiKey',
    request: {
      path: '/v1/webhook-deliveries',
      query: { limit: '100', endpointId: fromProviderState(injected('endpointId'), PactExamples.endpointId) },
    },
    response: {
      status: 200,
      body: {
        data: eachLike({
          id: matching(WebhookDeliveryId, PactExamples.deliveryId),
          eventId: matching(EventId, PactExamples.eventId),
          endpointId: matching(WebhookEndpointId, PactExamples.endpointId),
          eventType: matching(EventType, 'sandbox.test'),
          status: 'succeeded',
          attempts: eachLike({
            attempt: integer(1),
            at: timestampLike(),
            responseStatus: integer(204),
            error: null,
            durationMs: integer(3),
          }),
          createdAt: timestampLike(),
          nextAttemptAt: null,
        }),
        hasMore: false,
        nextCursor: null,
      },
    },
    exercise: async (client) => {
      const { data } = await client.listWebhookDeliveries({ limit: 100, endpointId: PactExamples.endpointId });
      const [first] = data.data;
      check(first !== undefined && first.attempts.length > 0, 'The delivery log shows no attempt.');
    },
  }),
];
