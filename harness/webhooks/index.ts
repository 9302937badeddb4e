export type { SignInput, VerifiedSignature, VerifyInput } from './dutyclaims.js';
export {
  DEFAULT_TOLERANCE_SECONDS,
  parseDutyClaimsSignature,
  signDutyClaims,
  verifyDutyClaims,
} from './dutyclaims.js';
export type { WebhookVerificationCode } from './errors.js';
export { isWebhookVerificationError, WebhookVerificationError } from './errors.js';
