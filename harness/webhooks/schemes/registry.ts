import { dutyClaimsScheme } from './dutyclaims.js';
import type { WebhookScheme } from './scheme.js';
import { standardWebhooksScheme } from './standard-webhooks.js';
import { xDualSignatureScheme } from './x-dual-signature.js';
import { xSignatureScheme } from './x-signature.js';

/** Ids of the built-in signature schemes, named for the header a receiver checks. */
export const WEBHOOK_SCHEME_IDS = ['dutyclaims', 'standard-webhooks', 'x-dual-signature', 'x-signature'] as const;

/** A built-in scheme's id. */
export type WebhookSchemeId = (typeof WEBHOOK_SCHEME_IDS)[number];

/** The built-in signature schemes by id. */
export const webhookSchemes: Readonly<Record<WebhookSchemeId, WebhookScheme>> = {
  dutyclaims: dutyClaimsScheme,
  'standard-webhooks': standardWebhooksScheme,
  'x-dual-signature': xDualSignatureScheme,
  'x-signature': xSignatureScheme,
};

/** True when `value` names a built-in scheme. */
export const isWebhookSchemeId = (value: unknown): value is WebhookSchemeId =>
  typeof value === 'string' && Object.hasOwn(webhookSchemes, value);
