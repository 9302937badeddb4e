// Zod-free, so the reference mock's entry can name the scopes without evaluating the contract's schemas.
/** Every API scope; `Scope` (schemas/common.ts) is the enum over this list. */
export const SCOPES = [
  'partner_orgs:read',
  'clients:read',
  'clients:write',
  'claims:read',
  'claims:write',
  'webhooks:read',
  'webhooks:write',
  'sandbox:write',
  'api_keys:read',
  'api_keys:write',
] as const;
