import { z } from 'zod';
import { type ErrorCode, ErrorCodes } from './error-codes.js';
import { MAX_ACTIVE_SIGNING_SECRETS } from './header-rules.js';
import type { RouteDefinition } from './route-definition.js';
import { defineRoute } from './route-definition.js';
import { Claim, ClaimParams, ClaimStatusView, CreateClaimRequest } from './schemas/claims.js';
import { Client, ClientAuthority, ClientParams, CreateClientRequest } from './schemas/clients.js';
import { TokenRequest, TokenResponse } from './schemas/oauth.js';
import { Capabilities, PartnerOrganization, PartnerOrgParams } from './schemas/partner-organizations.js';
import {
  CreateWebhookEndpointRequest,
  ListWebhookDeliveriesQuery,
  SandboxWebhookTestRequest,
  SandboxWebhookTestResponse,
  WebhookDeliveryPage,
  WebhookEndpoint,
  WebhookEndpointParams,
  WebhookEndpointWithSecret,
} from './schemas/webhooks.js';

const json = <S extends z.ZodType>(schema: S) => ({ contentType: 'application/json' as const, schema });

/** The DutyClaims API, one entry per operation. The OpenAPI document is generated from this table. */
export const routes = {
  health: defineRoute({
    operationId: 'health',
    method: 'GET',
    path: '/health',
    summary: 'Liveness of the API.',
    family: null,
    auth: 'none',
    scopes: [],
    sandboxOnly: false,
    idempotencyKey: 'none',
    success: { status: 200, description: 'The API is up.', schema: z.object({ status: z.literal('ok') }) },
    errors: [],
  }),
  createOAuthToken: defineRoute({
    operationId: 'createOAuthToken',
    method: 'POST',
    path: '/oauth/token',
    summary: 'Exchange OAuth2 client credentials for an access token (sandbox only).',
    family: null,
    auth: 'client_credentials',
    scopes: [],
    sandboxOnly: true,
    idempotencyKey: 'none',
    body: { contentType: 'application/x-www-form-urlencoded', schema: TokenRequest },
    success: { status: 200, description: 'An access token.', schema: TokenResponse },
    errors: ['invalid_grant_request', 'invalid_client', 'sandbox_only', 'unsupported_media_type'],
  }),
  getPartnerOrganization: defineRoute({
    operationId: 'getPartnerOrganization',
    method: 'GET',
    path: '/v1/partner-organizations/{partnerOrgId}',
    summary: 'The partner organization, its environment and the contract hash it is served under.',
    family: 'partner-organizations',
    auth: 'bearer',
    scopes: ['partner_orgs:read'],
    sandboxOnly: false,
    idempotencyKey: 'none',
    params: PartnerOrgParams,
    success: { status: 200, description: 'The partner organization.', schema: PartnerOrganization },
    errors: ['partner_org_mismatch', 'resource_not_found'],
  }),
  getCapabilities: defineRoute({
    operationId: 'getCapabilities',
    method: 'GET',
    path: '/v1/partner-organizations/{partnerOrgId}/capabilities',
    summary: 'Credential shapes, scopes and availability per route family, and the calling credential.',
    family: 'partner-organizations',
    auth: 'bearer',
    scopes: ['partner_orgs:read'],
    sandboxOnly: false,
    idempotencyKey: 'none',
    params: PartnerOrgParams,
    success: { status: 200, description: 'The capabilities of this environment.', schema: Capabilities },
    errors: ['partner_org_mismatch', 'resource_not_found'],
  }),
  createWebhookEndpoint: defineRoute({
    operationId: 'createWebhookEndpoint',
    method: 'POST',
    path: '/v1/webhooks/endpoints',
    summary: 'Register a webhook endpoint. The signing secret is returned once.',
    family: 'webhooks',
    auth: 'bearer',
    scopes: ['webhooks:write'],
    sandboxOnly: false,
    idempotencyKey: 'optional',
    body: json(CreateWebhookEndpointRequest),
    success: { status: 201, description: 'The endpoint, with its signing secret.', schema: WebhookEndpointWithSecret },
    errors: ['validation_failed', 'idempotency_key_reused'],
  }),
  getWebhookEndpoint: defineRoute({
    operationId: 'getWebhookEndpoint',
    method: 'GET',
    path: '/v1/webhooks/endpoints/{endpointId}',
    summary: 'A webhook endpoint; the secret is shown only as a prefix.',
    family: 'webhooks',
    auth: 'bearer',
    scopes: ['webhooks:read'],
    sandboxOnly: false,
    idempotencyKey: 'none',
    params: WebhookEndpointParams,
    success: { status: 200, description: 'The endpoint.', schema: WebhookEndpoint },
    errors: ['resource_not_found'],
  }),
  rotateWebhookSecret: defineRoute({
    operationId: 'rotateWebhookSecret',
    method: 'POST',
    path: '/v1/webhooks/endpoints/{endpointId}/rotate-secret',
    summary: `Issue a new signing secret. Deliveries carry a v1 signature for each active secret: a rotated-out secret signs for 24 h, and at most ${MAX_ACTIVE_SIGNING_SECRETS} secrets are active at once (rotating beyond that expires the oldest at once).`,
    family: 'webhooks',
    auth: 'bearer',
    scopes: ['webhooks:write'],
    sandboxOnly: false,
    idempotencyKey: 'optional',
    params: WebhookEndpointParams,
    success: {
      status: 200,
      description: 'The endpoint, with its new signing secret.',
      schema: WebhookEndpointWithSecret,
    },
    errors: ['resource_not_found', 'idempotency_key_reused'],
  }),
  disableWebhookEndpoint: defineRoute({
    operationId: 'disableWebhookEndpoint',
    method: 'POST',
    path: '/v1/webhooks/endpoints/{endpointId}/disable',
    summary:
      'Disable a webhook endpoint: no new deliveries, and pending retries to it end as failed. Disabling twice is harmless.',
    family: 'webhooks',
    auth: 'bearer',
    scopes: ['webhooks:write'],
    sandboxOnly: false,
    idempotencyKey: 'optional',
    params: WebhookEndpointParams,
    success: { status: 200, description: 'The endpoint, now disabled.', schema: WebhookEndpoint },
    errors: ['resource_not_found', 'idempotency_key_reused'],
  }),
  sendSandboxWebhookTest: defineRoute({
    operationId: 'sendSandboxWebhookTest',
    method: 'POST',
    path: '/v1/sandbox/webhooks/test',
    summary: 'Send a signed synthetic event to an endpoint (sandbox only).',
    family: 'sandbox',
    auth: 'bearer',
    scopes: ['sandbox:write'],
    sandboxOnly: true,
    idempotencyKey: 'optional',
    body: json(SandboxWebhookTestRequest),
    success: { status: 202, description: 'The delivery was queued.', schema: SandboxWebhookTestResponse },
    errors: ['validation_failed', 'resource_not_found', 'sandbox_only', 'idempotency_key_reused'],
  }),
  createClient: defineRoute({
    operationId: 'createClient',
    method: 'POST',
    path: '/v1/clients',
    summary: 'Create a client, or learn the id of the one already linked to this externalRef (409).',
    family: 'clients',
    auth: 'bearer',
    scopes: ['clients:write'],
    sandboxOnly: false,
    idempotencyKey: 'optional',
    body: json(CreateClientRequest),
    success: { status: 201, description: 'The client.', schema: Client },
    errors: ['validation_failed', 'client_already_exists', 'idempotency_key_reused'],
  }),
  getClientAuthority: defineRoute({
    operationId: 'getClientAuthority',
    method: 'GET',
    path: '/v1/clients/{clientId}/authority',
    summary: "The client's authority for the partner to act on its behalf.",
    family: 'clients',
    auth: 'bearer',
    scopes: ['clients:read'],
    sandboxOnly: false,
    idempotencyKey: 'none',
    params: ClientParams,
    success: { status: 200, description: 'The authority.', schema: ClientAuthority },
    errors: ['resource_not_found'],
  }),
  createClaim: defineRoute({
    operationId: 'createClaim',
    method: 'POST',
    path: '/v1/claims',
    summary: 'Submit a claim. Requires an Idempotency-Key; replays return the original response.',
    family: 'claims',
    auth: 'bearer',
    scopes: ['claims:write'],
    sandboxOnly: false,
    idempotencyKey: 'required',
    body: json(CreateClaimRequest),
    success: { status: 202, description: 'The claim was received and a job started.', schema: Claim },
    errors: [
      'missing_idempotency_key',
      'validation_failed',
      'resource_not_found',
      'authority_not_granted',
      'idempotency_key_reused',
    ],
  }),
  getClaimStatus: defineRoute({
    operationId: 'getClaimStatus',
    method: 'GET',
    path: '/v1/claims/{claimId}/status',
    summary: 'The claim status with its history.',
    family: 'claims',
    auth: 'bearer',
    scopes: ['claims:read'],
    sandboxOnly: false,
    idempotencyKey: 'none',
    params: ClaimParams,
    success: { status: 200, description: 'The status.', schema: ClaimStatusView },
    errors: ['resource_not_found'],
  }),
  listWebhookDeliveries: defineRoute({
    operationId: 'listWebhookDeliveries',
    method: 'GET',
    path: '/v1/webhook-deliveries',
    summary: 'The webhook delivery log, newest first, cursor-paginated.',
    family: 'webhooks',
    auth: 'bearer',
    scopes: ['webhooks:read'],
    sandboxOnly: false,
    idempotencyKey: 'none',
    query: ListWebhookDeliveriesQuery,
    success: { status: 200, description: 'A page of deliveries.', schema: WebhookDeliveryPage },
    errors: ['validation_failed'],
  }),
} as const satisfies Record<string, RouteDefinition>;

export type RouteName = keyof typeof routes;
export type Routes = typeof routes;

/** Codes any route can return, whatever it does (invalid_header: every route takes X-Correlation-Id). */
const COMMON_ERRORS: readonly ErrorCode[] = [
  'invalid_header',
  'route_not_found',
  'rate_limited',
  'internal_error',
  'service_unavailable',
];
const AUTH_ERRORS: readonly ErrorCode[] = [
  'credential_missing',
  'credential_invalid',
  'credential_expired',
  'credential_wrong_environment',
  'credential_shape_not_accepted',
  'insufficient_scope',
  'api_disabled',
];
const BODY_ERRORS: readonly ErrorCode[] = ['malformed_json', 'unsupported_media_type', 'payload_too_large'];

/** Every error code a route can answer with, sorted by status then code. */
export function errorCodesFor(route: RouteDefinition): ErrorCode[] {
  const codes = new Set<ErrorCode>([...route.errors, ...COMMON_ERRORS]);
  if (route.auth === 'bearer') for (const code of AUTH_ERRORS) codes.add(code);
  if (route.body) for (const code of BODY_ERRORS) codes.add(code);
  if (route.params || route.query) codes.add('validation_failed');
  return [...codes].sort((a, b) => ErrorCodes[a].status - ErrorCodes[b].status || a.localeCompare(b));
}
