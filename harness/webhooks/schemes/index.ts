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
export { standardWebhooksKey, standardWebhooksScheme } from './standard-webhooks.js';
export { xDualSignatureScheme } from './x-dual-signature.js';
export type { XSignatureSchemeOptions } from './x-signature.js';
export { createXSignatureScheme, X_SIGNATURE_DEFAULT_MESSAGE_TEMPLATE, xSignatureScheme } from './x-signature.js';
