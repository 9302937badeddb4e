// Zod-free, so the reference mock's options can name routes without evaluating the contract's schemas.
// route-names.test.ts keeps this list equal to the keys of `routes` (routes.ts), in order.
/** The name of every route of the contract, in the order of `routes`. */
export const ROUTE_NAMES = [
  'health',
  'createOAuthToken',
  'getPartnerOrganization',
  'getCapabilities',
  'createApiKey',
  'listApiKeys',
  'revokeApiKey',
  'createWebhookEndpoint',
  'getWebhookEndpoint',
  'rotateWebhookSecret',
  'disableWebhookEndpoint',
  'sendSandboxWebhookTest',
  'createClient',
  'getClientAuthority',
  'createClaim',
  'getClaimStatus',
  'listWebhookDeliveries',
] as const;
