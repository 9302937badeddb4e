import type { WebhookDelivery } from '../contract/schemas/webhooks.js';
import type { GoldenPathContext } from './golden-path.js';
import type { RehearsalObservations } from './observations.js';
import { observe } from './outcome.js';

/** A bound on pages read, so a provider that never stops paginating cannot hang the run. */
const MAX_DELIVERY_PAGES = 20;

/** Reads the delivery log back, following the cursor to the end, for the support packet gate. */
export async function readDeliveryLog(
  context: GoldenPathContext,
  observations: RehearsalObservations,
  endpointId: string | null,
): Promise<void> {
  context.recorder.step = 'delivery log';
  const deliveries: WebhookDelivery[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_DELIVERY_PAGES; page += 1) {
    const outcome = await observe(
      context.client.listWebhookDeliveries({
        limit: 100,
        ...(endpointId ? { endpointId } : {}),
        ...(cursor ? { cursor } : {}),
      }),
    );
    if (!outcome.ok) {
      observations.deliveryLog = outcome;
      return;
    }
    deliveries.push(...outcome.value.data);
    observations.deliveryLog = { ok: true, value: deliveries, meta: outcome.meta };
    if (!outcome.value.hasMore || outcome.value.nextCursor === null) return;
    cursor = outcome.value.nextCursor;
  }
}
