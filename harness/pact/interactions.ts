import type { ConsumerInteraction } from './interaction.js';
import { apiKeyInteractions } from './interactions-api-keys.js';
import { claimInteractions } from './interactions-claims.js';
import { clientInteractions } from './interactions-clients.js';
import { partnerInteractions } from './interactions-partner.js';
import { webhookInteractions } from './interactions-webhooks.js';

/**
 * Every interaction of the harness's consumer pact: each route the golden path and the gates use,
 * in success, and the error branches partners must handle.
 */
export const CONSUMER_INTERACTIONS: readonly ConsumerInteraction[] = [
  ...partnerInteractions,
  ...apiKeyInteractions,
  ...webhookInteractions,
  ...clientInteractions,
  ...claimInteractions,
];
