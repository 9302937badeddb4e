import { dutyClaimsScheme } from './dutyclaims.js';
import type { WebhookScheme } from './scheme.js';
import { seed002Scheme } from './seed-002.js';
import { seed004Scheme } from './seed-004.js';
import { standardWebhooksScheme } from './standard-webhooks.js';

/** Ids of the built-in signature schemes. */
export const WEBHOOK_SCHEME_IDS = ['dutyclaims', 'standard-webhooks', 'seed-002', 'seed-004'] as const;
export type WebhookSchemeId = (typeof WEBHOOK_SCHEME_IDS)[number];

/** The built-in signature schemes by id. */
export const webhookSchemes: Readonly<Record<WebhookSchemeId, WebhookScheme>> = {
  dutyclaims: dutyClaimsScheme,
  'standard-webhooks': standardWebhooksScheme,
  'seed-002': seed002Scheme,
  'seed-004': seed004Scheme,
};

/** True when `value` names a built-in scheme. */
export const isWebhookSchemeId = (value: unknown): value is WebhookSchemeId =>
  typeof value === 'string' && (WEBHOOK_SCHEME_IDS as readonly string[]).includes(value);
