export type { SignInput, VerifiedSignature, VerifyInput } from './dutyclaims.js';
export {
  DEFAULT_TOLERANCE_SECONDS,
  parseDutyClaimsSignature,
  signDutyClaims,
  verifyDutyClaims,
} from './dutyclaims.js';
export type { WebhookVerificationCode } from './errors.js';
export { isWebhookVerificationError, WebhookVerificationError } from './errors.js';
export type {
  HexHmacSchemeOptions,
  MalformedHeaders,
  SchemeSignInput,
  SchemeVerifyInput,
  Seed004SchemeOptions,
  VerifiedDelivery,
  WebhookHeaders,
  WebhookScheme,
  WebhookSchemeId,
} from './schemes/index.js';
export {
  createHexHmacScheme,
  createSeed004Scheme,
  dutyClaimsScheme,
  headerValue,
  isWebhookSchemeId,
  parseMessageTemplate,
  SEED_004_DEFAULT_MESSAGE_TEMPLATE,
  seed002Scheme,
  seed004Scheme,
  standardWebhooksKey,
  standardWebhooksScheme,
  WEBHOOK_SCHEME_IDS,
  webhookSchemes,
  withHeader,
} from './schemes/index.js';
