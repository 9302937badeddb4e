import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { buildPath } from '../contract/paths.js';
import type { RouteDefinition } from '../contract/route-definition.js';
import { type RouteName, type Routes, routes } from '../contract/routes.js';
import type { CreateApiKeyRequest, RevokeApiKeyRequest } from '../contract/schemas/api-keys.js';
import type { CreateClaimRequest } from '../contract/schemas/claims.js';
import type { CreateClientRequest } from '../contract/schemas/clients.js';
import type { TokenRequest } from '../contract/schemas/oauth.js';
import type {
  CreateWebhookEndpointRequest,
  ListWebhookDeliveriesQuery,
  SandboxWebhookTestRequest,
  WebhookDelivery,
} from '../contract/schemas/webhooks.js';
import { Agent } from '../http/undici.js';
import { type Authenticator, oauthAuthenticator, staticAuthenticator } from './auth.js';
import { type CallRuntime, executeCall } from './call.js';
import type { CallDeadline } from './deadline.js';
import { ClientConfigurationError } from './errors.js';
import { isValidCorrelationId, isValidIdempotencyKey } from './headers.js';
import { providerAuthenticator } from './key-provider.js';
import type { CallResult } from './metadata.js';
import { type ClientOptions, resolveClientOptions } from './options.js';
import { paginate } from './pagination.js';
import { isValidTraceparent, newTraceparent } from './trace-context.js';

/** Per-call options of a read. */
export interface CallOptions {
  /** The `X-Correlation-Id` of this call; generated when omitted. */
  readonly correlationId?: string;
  /** The W3C `traceparent` of this call; default: the active OpenTelemetry span's, else a new trace. */
  readonly traceparent?: string;
}

/** Per-call options of a write whose route takes an `Idempotency-Key`. */
export interface WriteCallOptions extends CallOptions {
  /** Reuse the key of an earlier attempt of the same logical write; generated when omitted. */
  readonly idempotencyKey?: string;
}

/** Filters of `listWebhookDeliveries`. */
export type WebhookDeliveriesQuery = Omit<z.input<typeof ListWebhookDeliveriesQuery>, 'limit'> & {
  readonly limit?: number;
};

type Result<N extends RouteName> = Promise<CallResult<z.output<Routes[N]['success']['schema']>>>;

/** A typed DutyClaims API client: one method per route of the contract. */
export interface DutyClaimsClient extends AsyncDisposable {
  health(call?: CallOptions): Result<'health'>;
  /** Exchanges client credentials for a token (the client does this itself for an `oauth` credential). */
  createOAuthToken(body: z.input<typeof TokenRequest>, call?: CallOptions): Result<'createOAuthToken'>;
  getPartnerOrganization(partnerOrgId: string, call?: CallOptions): Result<'getPartnerOrganization'>;
  getCapabilities(partnerOrgId: string, call?: CallOptions): Result<'getCapabilities'>;
  /** Creates an API key; the full key is in `data.key` this once. Needs an Idempotency-Key (generated when omitted). */
  createApiKey(
    partnerOrgId: string,
    body: z.input<typeof CreateApiKeyRequest>,
    call?: WriteCallOptions,
  ): Result<'createApiKey'>;
  listApiKeys(partnerOrgId: string, call?: CallOptions): Result<'listApiKeys'>;
  /** Revokes a key after `graceSeconds` (default 300) during which it still works. */
  revokeApiKey(
    partnerOrgId: string,
    apiKeyId: string,
    body?: RevokeApiKeyRequest,
    call?: WriteCallOptions,
  ): Result<'revokeApiKey'>;
  createWebhookEndpoint(
    body: z.input<typeof CreateWebhookEndpointRequest>,
    call?: WriteCallOptions,
  ): Result<'createWebhookEndpoint'>;
  getWebhookEndpoint(endpointId: string, call?: CallOptions): Result<'getWebhookEndpoint'>;
  rotateWebhookSecret(endpointId: string, call?: WriteCallOptions): Result<'rotateWebhookSecret'>;
  /** Stops deliveries to an endpoint: what a run does with the endpoint it registered when it ends. */
  disableWebhookEndpoint(endpointId: string, call?: WriteCallOptions): Result<'disableWebhookEndpoint'>;
  sendSandboxWebhookTest(
    body: z.input<typeof SandboxWebhookTestRequest>,
    call?: WriteCallOptions,
  ): Result<'sendSandboxWebhookTest'>;
  createClient(body: z.input<typeof CreateClientRequest>, call?: WriteCallOptions): Result<'createClient'>;
  getClientAuthority(clientId: string, call?: CallOptions): Result<'getClientAuthority'>;
  createClaim(body: z.input<typeof CreateClaimRequest>, call?: WriteCallOptions): Result<'createClaim'>;
  getClaimStatus(claimId: string, call?: CallOptions): Result<'getClaimStatus'>;
  listWebhookDeliveries(query?: WebhookDeliveriesQuery, call?: CallOptions): Result<'listWebhookDeliveries'>;
  /** Every delivery matching `query`, following `nextCursor` to the end. */
  iterateWebhookDeliveries(query?: WebhookDeliveriesQuery): AsyncGenerator<WebhookDelivery, void, undefined>;
  /** Closes the Agent the client owns (a caller's dispatcher stays open). Idempotent. */
  close(): Promise<void>;
}

interface Invocation {
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: object;
  readonly body?: unknown;
}

function queryString(query: object | undefined): string {
  if (query === undefined) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) search.append(key, String(value));
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

function encodeBody(route: RouteDefinition, body: unknown): string | null {
  if (route.body === undefined) return null;
  if (route.body.contentType === 'application/json') return JSON.stringify(body);
  return new URLSearchParams(body as Record<string, string>).toString();
}

/**
 * Creates a client for one DutyClaims environment. Throws ClientConfigurationError or
 * CredentialEnvironmentError before any request is sent when the options cannot work.
 * @example
 * await using client = createDutyClaimsClient({ baseUrl, credential: { apiKey }, environment: 'sandbox' });
 * const { data, meta } = await client.getPartnerOrganization(partnerOrgId);
 */
export function createDutyClaimsClient(options: ClientOptions): DutyClaimsClient {
  const resolved = resolveClientOptions(options);
  const ownDispatcher: Dispatcher | null =
    resolved.dispatcher === null ? new Agent({ connect: { timeout: resolved.timeouts.connectMs } }) : null;
  const runtime: CallRuntime = { options: resolved, dispatcher: resolved.dispatcher ?? (ownDispatcher as Dispatcher) };
  let closed: Promise<void> | null = null;
  const { origin, pathname } = new URL(resolved.baseUrl);
  const basePath = pathname === '/' ? '' : pathname;

  const anonymous = staticAuthenticator(resolved.userAgent, null);
  const { credential } = resolved;
  let bearer: Authenticator = anonymous;
  if (credential !== null && 'apiKey' in credential)
    bearer = staticAuthenticator(resolved.userAgent, credential.apiKey);
  if (credential !== null && 'apiKeyProvider' in credential)
    bearer = providerAuthenticator(resolved.userAgent, credential.apiKeyProvider, resolved.environment);
  if (credential !== null && 'oauth' in credential) {
    bearer = oauthAuthenticator({
      userAgent: resolved.userAgent,
      credentials: credential.oauth,
      // The token request is a logical call of its own (own record, own ids) under the waiting call's deadline.
      fetchToken: (fields, deadline) => invoke('createOAuthToken', { body: fields }, undefined, deadline),
    });
  }

  function invoke<N extends RouteName>(
    name: N,
    input: Invocation,
    call: WriteCallOptions | undefined,
    deadline: CallDeadline | null = null,
  ): Result<N> {
    if (closed !== null) {
      return Promise.reject(
        new ClientConfigurationError('client', 'This client is closed. Create a new one to call the API again.'),
      );
    }
    const route: RouteDefinition = routes[name];
    const correlationId = call?.correlationId ?? resolved.correlationId();
    const idempotencyKey = route.idempotencyKey === 'none' ? null : (call?.idempotencyKey ?? resolved.idempotencyKey());
    if (!isValidCorrelationId(correlationId)) {
      return Promise.reject(
        new ClientConfigurationError('correlationId', 'A correlation id must be 1-255 visible ASCII characters.'),
      );
    }
    const traceparent = call?.traceparent ?? newTraceparent();
    if (!isValidTraceparent(traceparent)) {
      return Promise.reject(
        new ClientConfigurationError(
          'traceparent',
          'A traceparent must be a W3C Trace Context version 00 value: 00-<32 hex>-<16 hex>-<2 hex>, ids not all zero.',
        ),
      );
    }
    if (idempotencyKey !== null && !isValidIdempotencyKey(idempotencyKey)) {
      return Promise.reject(
        new ClientConfigurationError(
          'idempotencyKey',
          'An Idempotency-Key must be 1-255 visible ASCII characters (no spaces). Generate one per logical write.',
        ),
      );
    }
    const path = input.params === undefined ? route.path : buildPath(route.path, input.params);
    return executeCall(
      runtime,
      {
        route,
        origin,
        path: `${basePath}${path}${queryString(input.query)}`,
        body: encodeBody(route, input.body),
        contentType: route.body?.contentType ?? null,
        correlationId,
        traceparent,
        idempotencyKey,
        auth: route.auth === 'bearer' ? bearer : anonymous,
        deadline,
      },
      routes[name].success.schema,
    ) as Result<N>;
  }

  const close = (): Promise<void> => {
    closed ??= ownDispatcher === null ? Promise.resolve() : ownDispatcher.close();
    return closed;
  };
  const listWebhookDeliveries = (query?: WebhookDeliveriesQuery, call?: CallOptions) =>
    invoke('listWebhookDeliveries', query === undefined ? {} : { query }, call);

  return {
    health: (call) => invoke('health', {}, call),
    createOAuthToken: (body, call) => invoke('createOAuthToken', { body }, call),
    getPartnerOrganization: (partnerOrgId, call) =>
      invoke('getPartnerOrganization', { params: { partnerOrgId } }, call),
    getCapabilities: (partnerOrgId, call) => invoke('getCapabilities', { params: { partnerOrgId } }, call),
    createApiKey: (partnerOrgId, body, call) => invoke('createApiKey', { params: { partnerOrgId }, body }, call),
    listApiKeys: (partnerOrgId, call) => invoke('listApiKeys', { params: { partnerOrgId } }, call),
    revokeApiKey: (partnerOrgId, apiKeyId, body = {}, call) =>
      invoke('revokeApiKey', { params: { partnerOrgId, apiKeyId }, body }, call),
    createWebhookEndpoint: (body, call) => invoke('createWebhookEndpoint', { body }, call),
    getWebhookEndpoint: (endpointId, call) => invoke('getWebhookEndpoint', { params: { endpointId } }, call),
    rotateWebhookSecret: (endpointId, call) => invoke('rotateWebhookSecret', { params: { endpointId } }, call),
    disableWebhookEndpoint: (endpointId, call) => invoke('disableWebhookEndpoint', { params: { endpointId } }, call),
    sendSandboxWebhookTest: (body, call) => invoke('sendSandboxWebhookTest', { body }, call),
    createClient: (body, call) => invoke('createClient', { body }, call),
    getClientAuthority: (clientId, call) => invoke('getClientAuthority', { params: { clientId } }, call),
    createClaim: (body, call) => invoke('createClaim', { body }, call),
    getClaimStatus: (claimId, call) => invoke('getClaimStatus', { params: { claimId } }, call),
    listWebhookDeliveries,
    iterateWebhookDeliveries: (query = {}) => paginate(listWebhookDeliveries, query),
    close,
    [Symbol.asyncDispose]: close,
  };
}
