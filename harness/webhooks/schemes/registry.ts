import { dutyClaimsScheme } from './dutyclaims.js';
import type { WebhookScheme } from './scheme.js';
import { standardWebhooksScheme } from './standard-webhooks.js';
import { xDualSignatureScheme } from './x-dual-signature.js';
import { xSignatureScheme } from './x-signature.js';

/** Ids of the built-in signature schemes, named for the header a receiver checks. */
export const WEBHOOK_SCHEME_IDS = ['dutyclaims', 'standard-webhooks', 'x-dual-signature', 'x-signature'] as const;

/** Names two schemes had before 0.1, still accepted: `seed-002` is `x-dual-signature`, `seed-004` is `x-signature`. */
export const WEBHOOK_SCHEME_ALIASES = Object.freeze({
  'seed-002': 'x-dual-signature',
  'seed-004': 'x-signature',
} as const);

/** A built-in scheme's id, or one of its older names. */
export type WebhookSchemeId = (typeof WEBHOOK_SCHEME_IDS)[number] | keyof typeof WEBHOOK_SCHEME_ALIASES;

/** The built-in signature schemes by id (and by older name). */
export const webhookSchemes: Readonly<Record<WebhookSchemeId, WebhookScheme>> = {
  dutyclaims: dutyClaimsScheme,
  'standard-webhooks': standardWebhooksScheme,
  'x-dual-signature': xDualSignatureScheme,
  'x-signature': xSignatureScheme,
  'seed-002': xDualSignatureScheme,
  'seed-004': xSignatureScheme,
};

/** True when `value` names a built-in scheme (by id or older name). */
export const isWebhookSchemeId = (value: unknown): value is WebhookSchemeId =>
  typeof value === 'string' && Object.hasOwn(webhookSchemes, value);
