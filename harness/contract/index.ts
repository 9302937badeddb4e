export type { ErrorCode } from './error-codes.js';
export { ErrorCodes, isErrorCode } from './error-codes.js';
export { computeContractHash } from './hash.js';
export {
  API_KEY_GRACE_DEFAULT_SECONDS,
  API_KEY_GRACE_MAX_SECONDS,
  API_KEY_LIFETIME_MAX_DAYS,
  MAX_ACTIVE_SIGNING_SECRETS,
  MAX_API_KEYS_PER_ORG,
  ROTATION_OVERLAP_MS,
  VISIBLE_ASCII_1_255,
  VISIBLE_ASCII_1_255_PATTERN,
} from './header-rules.js';
export type { HeaderName } from './headers.js';
export { Headers, STANDARD_RESPONSE_HEADERS } from './headers.js';
export { buildOpenApiDocument, CONTRACT_VERSION } from './openapi.js';
export { openApiPath, packageRoot } from './package-root.js';
export type { PathMatcher } from './paths.js';
export { buildPath, compilePath } from './paths.js';
export { CONTRACT_PIN } from './pin.js';
export type { HttpMethod, RouteAuth, RouteDefinition } from './route-definition.js';
export { defineRoute } from './route-definition.js';
export type { RouteName, Routes } from './routes.js';
export { errorCodesFor, routes } from './routes.js';
export {
  ApiKey,
  ApiKeyId,
  ApiKeyList,
  ApiKeyParams,
  ApiKeyStatus,
  ApiKeyWithSecret,
  CreateApiKeyRequest,
  RevokeApiKeyRequest,
} from './schemas/api-keys.js';
export {
  Claim,
  ClaimParams,
  ClaimStatus,
  ClaimStatusView,
  CreateClaimRequest,
  TERMINAL_CLAIM_STATUSES,
} from './schemas/claims.js';
export {
  AuthorityStatus,
  Client,
  ClientAuthority,
  ClientParams,
  CreateClientRequest,
  ExternalRef,
} from './schemas/clients.js';
export {
  Availability,
  ClaimId,
  ClientId,
  CredentialShape,
  Environment,
  EventId,
  JobId,
  Money,
  PartnerOrgId,
  RequestId,
  RouteFamily,
  Scope,
  WebhookDeliveryId,
  WebhookEndpointId,
} from './schemas/common.js';
export { ErrorDetail, ErrorEnvelope, ErrorType, RetryStrategy } from './schemas/errors.js';
export { TokenRequest, TokenResponse } from './schemas/oauth.js';
export {
  Capabilities,
  ContractPin,
  PartnerOrganization,
  RouteFamilyCapability,
} from './schemas/partner-organizations.js';
export {
  ClaimStatusChangedEvent,
  CreateWebhookEndpointRequest,
  DeliveryAttempt,
  DeliveryStatus,
  EventType,
  ListWebhookDeliveriesQuery,
  SandboxTestEvent,
  SandboxWebhookTestRequest,
  SandboxWebhookTestResponse,
  SigningSecret,
  WebhookDelivery,
  WebhookDeliveryPage,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
  WebhookEvent,
} from './schemas/webhooks.js';
