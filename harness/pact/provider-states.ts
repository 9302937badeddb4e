/** A JSON value, as provider-state parameters and injected values are. */
export type JsonValue = boolean | number | string | null | JsonValue[] | { [key: string]: JsonValue };

/** Parameters of a provider state. */
export type StateParams = { [key: string]: JsonValue };

/** One provider state a pact interaction is given: its name and parameters. */
export interface ProviderStateSpec {
  readonly name: ProviderStateName;
  readonly params?: StateParams;
}

/** What a provider must do for one state, and the values it hands back for the request. */
export interface ProviderStateDoc {
  readonly setup: string;
  /** Parameter names the pact sends. */
  readonly params: readonly string[];
  /** Values the setup returns; the verifier injects them into the request (`fromProviderState`). */
  readonly injects: readonly string[];
}

/** Every provider state the harness's pacts use. A real provider must set each of them up. */
export const ProviderStates = {
  apiUp: 'the API is up',
  partnerOrganizationExists: 'the partner organization of the credential exists',
  webhookReceiverAccepted: 'the provider accepts a webhook receiver URL',
  webhookEndpointExists: 'a webhook endpoint exists',
  webhookDeliverySucceeded: 'a webhook delivery to an endpoint has succeeded',
  externalRefFree: 'no client has this externalRef',
  externalRefTaken: 'a client with this externalRef exists',
  grantedClientExists: 'a client with granted authority exists',
  pendingClientExists: 'a client whose authority is not granted exists',
  claimSubmittedWithKey: 'a claim was submitted with this idempotency key',
  claimExists: 'a claim exists',
  claimMissing: 'no claim exists with this id',
  credentialUnknown: 'the credential is not recognised',
  credentialLacksScope: 'the credential lacks a scope',
  rateLimited: 'the partner has exceeded its rate limit',
  oauthClientExists: 'an OAuth client exists for the partner',
  apiKeyExists: 'an API key of the partner organization exists',
  credentialRevoked: 'the credential was revoked and its grace period has ended',
} as const;

export type ProviderStateName = (typeof ProviderStates)[keyof typeof ProviderStates];

/** What each state means for a provider; docs/pact.md is written from this table. */
export const PROVIDER_STATE_DOCS: Readonly<Record<ProviderStateName, ProviderStateDoc>> = {
  [ProviderStates.apiUp]: { setup: 'Nothing: GET /health answers 200.', params: [], injects: [] },
  [ProviderStates.partnerOrganizationExists]: {
    setup: "Nothing to create; return the id of the verifying credential's partner organization.",
    params: [],
    injects: ['partnerOrgId'],
  },
  [ProviderStates.webhookReceiverAccepted]: {
    setup: 'Return a receiver URL the provider accepts for new webhook endpoints (and can deliver to).',
    params: [],
    injects: ['webhookUrl'],
  },
  [ProviderStates.webhookEndpointExists]: {
    setup: 'Register a webhook endpoint for the partner organization, with `description`.',
    params: ['description'],
    injects: ['endpointId'],
  },
  [ProviderStates.webhookDeliverySucceeded]: {
    setup: 'Register an endpoint and deliver one event to it with a 2xx answer (status succeeded, one attempt).',
    params: [],
    injects: ['endpointId'],
  },
  [ProviderStates.externalRefFree]: {
    setup: 'Make sure no client of the partner organization has `externalRef`.',
    params: ['externalRef'],
    injects: [],
  },
  [ProviderStates.externalRefTaken]: {
    setup: 'Create a client with `externalRef`.',
    params: ['externalRef'],
    injects: ['clientId'],
  },
  [ProviderStates.grantedClientExists]: {
    setup: 'Create a client with `externalRef` whose authority is granted, without expiry or revocation.',
    params: ['externalRef'],
    injects: ['clientId'],
  },
  [ProviderStates.pendingClientExists]: {
    setup: 'Create a client with `externalRef` whose authority stays pending.',
    params: ['externalRef'],
    injects: ['clientId'],
  },
  [ProviderStates.claimSubmittedWithKey]: {
    setup:
      'Create a granted client with `externalRef`, then submit `{clientId, claimType, amount, reference}` with `Idempotency-Key: idempotencyKey`.',
    params: ['externalRef', 'idempotencyKey', 'claimType', 'amount', 'reference'],
    injects: ['clientId'],
  },
  [ProviderStates.claimExists]: {
    setup: 'Create a granted client and submit a claim that will be accepted.',
    params: [],
    injects: ['claimId'],
  },
  [ProviderStates.claimMissing]: {
    setup: 'Nothing: no claim has id `claimId`.',
    params: ['claimId'],
    injects: [],
  },
  [ProviderStates.credentialUnknown]: {
    setup: 'Nothing: the placeholder credential the pact sends is not issued.',
    params: [],
    injects: [],
  },
  [ProviderStates.credentialLacksScope]: {
    setup: 'Nothing: the verifier sends the read-only credential, which lacks `scope`.',
    params: ['scope'],
    injects: [],
  },
  [ProviderStates.rateLimited]: {
    setup: 'Answer the next API request with 429 rate_limited and `Retry-After: retryAfterSeconds`.',
    params: ['retryAfterSeconds'],
    injects: [],
  },
  [ProviderStates.oauthClientExists]: {
    setup: 'Nothing: the verifier swaps the placeholder client id and secret for the real OAuth client.',
    params: [],
    injects: [],
  },
  [ProviderStates.apiKeyExists]: {
    setup:
      "Create an API key named `name` with the claims:read scope for the verifying credential's partner organization; return the org id and the key's id (never the key).",
    params: ['name'],
    injects: ['partnerOrgId', 'apiKeyId'],
  },
  [ProviderStates.credentialRevoked]: {
    setup:
      'Revoke the read-only credential the verifier sends, with no grace period (the next state setup must restore or reissue it).',
    params: [],
    injects: [],
  },
};

/** The `${name}` expression a provider-state-injected value is written with. */
export const injected = (name: string): string => `\${${name}}`;
