/**
 * Rules the contract states once and the mock enforces from the same constants, so the OpenAPI
 * document and the provider cannot disagree.
 */

/** Idempotency-Key and X-Correlation-Id: 1-255 visible ASCII characters (0x21-0x7E). */
export const VISIBLE_ASCII_1_255 = /^[\x21-\x7e]{1,255}$/;
/** The same rule as an OpenAPI (ECMA-262) pattern string. */
export const VISIBLE_ASCII_1_255_PATTERN = '^[\\x21-\\x7E]{1,255}$';

/** Signing secrets an endpoint holds at once: the current one plus rotated-out ones still in overlap. */
export const MAX_ACTIVE_SIGNING_SECRETS = 3;
/** How long a rotated-out secret keeps signing, in milliseconds (of the provider's clock). */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

/** How long a revoked API key keeps working when the caller names no grace (five minutes). */
export const API_KEY_GRACE_DEFAULT_SECONDS = 300;
/** The longest grace a revocation may ask for (24 h). */
export const API_KEY_GRACE_MAX_SECONDS = 86_400;
/** The longest lifetime a new API key may ask for, in days. */
export const API_KEY_LIFETIME_MAX_DAYS = 365;
/** API keys a partner organization may hold that are not yet revoked (revoking one frees its place). */
export const MAX_API_KEYS_PER_ORG = 10;
/** W3C Trace Context `traceparent`, version 00, as an OpenAPI (ECMA-262) pattern string. */
export const TRACEPARENT_PATTERN = '^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$';
