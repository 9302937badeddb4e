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
  VerifiedDelivery,
  WebhookHeaders,
  WebhookScheme,
  WebhookSchemeId,
  XSignatureSchemeOptions,
} from './schemes/index.js';
export {
  createHexHmacScheme,
  createXSignatureScheme,
  dutyClaimsScheme,
  headerValue,
  isWebhookSchemeId,
  parseMessageTemplate,
  standardWebhooksKey,
  standardWebhooksScheme,
  WEBHOOK_SCHEME_IDS,
  webhookSchemes,
  withHeader,
  X_SIGNATURE_DEFAULT_MESSAGE_TEMPLATE,
  xDualSignatureScheme,
  xSignatureScheme,
} from './schemes/index.js';
