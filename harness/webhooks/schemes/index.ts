export { dutyClaimsScheme } from './dutyclaims.js';
export type { HexHmacSchemeOptions } from './hex-hmac-scheme.js';
export { createHexHmacScheme, parseMessageTemplate } from './hex-hmac-scheme.js';
export type { WebhookSchemeId } from './registry.js';
export { isWebhookSchemeId, WEBHOOK_SCHEME_IDS, webhookSchemes } from './registry.js';
export type {
  MalformedHeaders,
  SchemeSignInput,
  SchemeVerifyInput,
  VerifiedDelivery,
  WebhookHeaders,
  WebhookScheme,
} from './scheme.js';
export { headerValue, withHeader } from './scheme.js';
export { seed002Scheme } from './seed-002.js';
export type { Seed004SchemeOptions } from './seed-004.js';
export { createSeed004Scheme, SEED_004_DEFAULT_MESSAGE_TEMPLATE, seed004Scheme } from './seed-004.js';
export { standardWebhooksKey, standardWebhooksScheme } from './standard-webhooks.js';
