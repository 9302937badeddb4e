import type { RouteName } from './routes.js';

type JsonObject = Record<string, unknown>;

const fromBodyId = '$response.body#/id';

/** A link to `operationId` that passes the created resource's id as a path parameter. */
const byPath = (operationId: RouteName, parameter: string, description: string): JsonObject => ({
  operationId,
  parameters: { [parameter]: fromBodyId },
  description,
});

const endpointLinks: JsonObject = {
  GetWebhookEndpoint: byPath('getWebhookEndpoint', 'endpointId', 'Read the endpoint back.'),
  RotateWebhookSecret: byPath('rotateWebhookSecret', 'endpointId', 'Issue a new signing secret for the endpoint.'),
  SendSandboxWebhookTest: {
    operationId: 'sendSandboxWebhookTest',
    requestBody: { endpointId: fromBodyId, eventType: 'sandbox.test' },
    description: 'Send a signed sandbox.test event to the endpoint.',
  },
  DisableWebhookEndpoint: byPath(
    'disableWebhookEndpoint',
    'endpointId',
    'Stop deliveries to the endpoint when it is no longer needed.',
  ),
};

/**
 * OpenAPI links of each success response, by operation: how a stateful tool chains the routes
 * (client -> authority, claim -> status, endpoint -> read / rotate / test / disable).
 */
export const successLinks: Partial<Record<RouteName, JsonObject>> = {
  createClient: {
    GetClientAuthority: byPath('getClientAuthority', 'clientId', "Poll the new client's authority."),
  },
  createClaim: {
    GetClaimStatus: byPath('getClaimStatus', 'claimId', "Follow the claim's status."),
  },
  createWebhookEndpoint: endpointLinks,
  rotateWebhookSecret: endpointLinks,
};
