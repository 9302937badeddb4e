import type { RouteName } from '../contract/index.js';
import type { RouteHandler } from './handler-context.js';
import { createApiKey, listApiKeys, revokeApiKey } from './handlers-api-keys.js';
import { createClaim, getClaimStatus } from './handlers-claims.js';
import { createClient, getClientAuthority } from './handlers-clients.js';
import { createOAuthToken } from './handlers-oauth.js';
import { getCapabilities, getPartnerOrganization } from './handlers-partner.js';
import {
  createWebhookEndpoint,
  disableWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookDeliveries,
  rotateWebhookSecret,
  sendSandboxWebhookTest,
} from './handlers-webhooks.js';

const HEALTH_JSON = JSON.stringify({ status: 'ok' });

/** One handler per route of the contract; the type makes a missing one a compile error. */
export const handlers: Readonly<Record<RouteName, RouteHandler>> = {
  health: () => ({ status: 200, json: HEALTH_JSON }),
  createOAuthToken,
  getPartnerOrganization,
  getCapabilities,
  createApiKey,
  listApiKeys,
  revokeApiKey,
  createWebhookEndpoint,
  getWebhookEndpoint,
  rotateWebhookSecret,
  disableWebhookEndpoint,
  sendSandboxWebhookTest,
  createClient,
  getClientAuthority,
  createClaim,
  getClaimStatus,
  listWebhookDeliveries,
};
