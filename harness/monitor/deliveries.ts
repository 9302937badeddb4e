import type { WebhookDelivery } from '../contract/schemas/webhooks.js';
import type { MonitorCheck } from '../packet/monitor-schema.js';
import type { Outcome } from '../rehearsal/observations.js';
import { monitorCheck } from './check.js';

type DeliveryLog = Outcome<readonly WebhookDelivery[]> | null;

const hours = (ms: number) => `${Math.round((ms / 3_600_000) * 10) / 10} h`;

/** "whd_… (we_… claim.status_changed): 5 attempts, last error: HTTP 500". */
export function describeDelivery(delivery: WebhookDelivery): string {
  const last = delivery.attempts.at(-1);
  const error = last
    ? (last.error ?? (last.responseStatus === null ? 'no response' : `HTTP ${last.responseStatus}`))
    : 'none';
  return `${delivery.id} (${delivery.endpointId} ${delivery.eventType}): ${delivery.status}, ${delivery.attempts.length} attempt${delivery.attempts.length === 1 ? '' : 's'}, last error: ${error}`;
}

/** The deliveries created within the window that ends now. */
export const inWindow = (deliveries: readonly WebhookDelivery[], windowMs: number, now: Date) =>
  deliveries.filter((delivery) => Date.parse(delivery.createdAt) >= now.getTime() - windowMs);

/** Counts per endpoint and event type: "we_… claim.status_changed: 3 succeeded, 1 failed". */
function perEndpoint(deliveries: readonly WebhookDelivery[]): string[] {
  const groups = new Map<string, Map<string, number>>();
  for (const delivery of deliveries) {
    const key = `${delivery.endpointId} ${delivery.eventType}`;
    const counts = groups.get(key) ?? new Map<string, number>();
    counts.set(delivery.status, (counts.get(delivery.status) ?? 0) + 1);
    groups.set(key, counts);
  }
  return [...groups].map(
    ([key, counts]) =>
      `${key}: ${[...counts]
        .sort()
        .map(([status, count]) => `${count} ${status}`)
        .join(', ')}`,
  );
}

const unreadable = (log: DeliveryLog) =>
  log === null
    ? 'Not run: the delivery log was not read (the run stopped before it).'
    : log.ok
      ? null
      : `Not run: GET /v1/webhook-deliveries failed (${log.error.code}${log.meta?.requestId ? `, ${log.meta.requestId}` : ''}).`;

/**
 * No delivery in the window failed (the checklist: watch failed deliveries and dead letters). Still
 * retrying ones are reported with their ids and last error, for the on-call to follow.
 */
export function deliveryFailuresCheck(log: DeliveryLog, windowMs: number, now: Date): MonitorCheck {
  const title = `no failed webhook deliveries in the last ${hours(windowMs)}`;
  const problem = unreadable(log);
  if (problem !== null || log === null || !log.ok)
    return monitorCheck('webhook-deliveries', title, 'not_run', problem ?? '');
  const recent = inWindow(log.value, windowMs, now);
  const failed = recent.filter((delivery) => delivery.status === 'failed');
  const retrying = recent.filter((delivery) => delivery.status === 'retrying');
  const evidence = [
    ...perEndpoint(recent),
    ...[...failed, ...retrying].map(describeDelivery),
    ...(log.meta.requestId ? [`delivery log read: ${log.meta.requestId}`] : []),
  ];
  const still =
    retrying.length > 0 ? ` ${retrying.length} still retrying: ${retrying.map((item) => item.id).join(', ')}.` : '';
  if (failed.length > 0)
    return monitorCheck(
      'webhook-deliveries',
      title,
      'fail',
      `${failed.length} of ${recent.length} deliveries failed: ${failed.map(describeDelivery).join('; ')}.${still} Fix the receiver, then redeliver; the checklist says to stop the cutover while webhook delivery fails.`,
      evidence,
    );
  return monitorCheck(
    'webhook-deliveries',
    title,
    'pass',
    `${recent.length} deliver${recent.length === 1 ? 'y' : 'ies'} in the window, none failed.${still}`,
    evidence,
  );
}

/** When traffic is live, at least one delivery succeeded in the window (the checklist's first 24 hours). */
export function deliverySucceededCheck(
  log: DeliveryLog,
  windowMs: number,
  now: Date,
  trafficLive: boolean,
): MonitorCheck {
  const title = `a webhook delivery succeeded in the last ${hours(windowMs)}`;
  if (!trafficLive)
    return monitorCheck(
      'webhook-delivered',
      title,
      'not_run',
      'Not run: traffic is not live yet. Once it is, pass --traffic-live (or DUTYCLAIMS_TRAFFIC_LIVE=1) so smoke checks that webhooks actually fire.',
    );
  const problem = unreadable(log);
  if (problem !== null || log === null || !log.ok)
    return monitorCheck('webhook-delivered', title, 'not_run', problem ?? '');
  const succeeded = inWindow(log.value, windowMs, now).filter((delivery) => delivery.status === 'succeeded');
  if (succeeded.length === 0)
    return monitorCheck(
      'webhook-delivered',
      title,
      'fail',
      `Traffic is live but no webhook delivery succeeded in the last ${hours(windowMs)}: check that events fire and that your receiver answers 2xx.`,
      perEndpoint(inWindow(log.value, windowMs, now)),
    );
  return monitorCheck(
    'webhook-delivered',
    title,
    'pass',
    `${succeeded.length} deliver${succeeded.length === 1 ? 'y' : 'ies'} succeeded, e.g. ${succeeded[0]?.id}.`,
    succeeded.slice(0, 5).map((delivery) => `${delivery.id} (${delivery.endpointId} ${delivery.eventType})`),
  );
}
