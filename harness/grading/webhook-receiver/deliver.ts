import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import { request } from '../../http/undici.js';
import type { WebhookReceiverCheckId } from './checks.js';

/** One request of the battery, fully built before it is sent. */
export interface PlannedDelivery {
  readonly checkId: WebhookReceiverCheckId;
  /** What makes this delivery special, e.g. `signed with another secret`. */
  readonly label: string;
  readonly expectation: 'accept' | 'reject';
  readonly eventId: string;
  readonly deliveryId: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly rawBody: string;
}

/** What the receiver answered to one delivery. */
export interface DeliveryOutcome {
  readonly delivery: PlannedDelivery;
  /** HTTP status, or null when no answer arrived (timeout, connection error). */
  readonly status: number | null;
  /** Why no answer arrived. */
  readonly error: string | null;
  /** Time until the response headers arrived (or until giving up). */
  readonly durationMs: number;
  /** The first 160 characters of the response body. */
  readonly responseExcerpt: string;
}

const EXCERPT = 160;

/** True when the receiver acknowledged the delivery: a 2xx status. */
export const acknowledged = (outcome: DeliveryOutcome): boolean =>
  outcome.status !== null && outcome.status >= 200 && outcome.status < 300;

function describeError(error: unknown, timeoutMs: number): string {
  const { name, code, message } = error as { name?: string; code?: string; message?: string };
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  return code ? `${code}: ${message ?? ''}`.trim() : String(message ?? error);
}

/** POSTs one delivery and records the answer; never throws for transport failures. */
export async function sendDelivery(
  dispatcher: Dispatcher,
  url: URL,
  delivery: PlannedDelivery,
  timeoutMs: number,
): Promise<DeliveryOutcome> {
  const started = performance.now();
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await request(url, {
      method: 'POST',
      dispatcher,
      signal,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'dutyclaims-launch-harness grade-webhook',
        ...delivery.headers,
      },
      body: delivery.rawBody,
    });
    const durationMs = Math.round(performance.now() - started);
    let text = '';
    try {
      text = await response.body.text();
    } catch {
      text = '(response body not readable)';
    }
    return { delivery, status: response.statusCode, error: null, durationMs, responseExcerpt: text.slice(0, EXCERPT) };
  } catch (error) {
    const durationMs = Math.round(performance.now() - started);
    return { delivery, status: null, error: describeError(error, timeoutMs), durationMs, responseExcerpt: '' };
  }
}

/** The evidence line of a delivery: the exact request sent and the answer observed. */
export function describeOutcome(url: URL, outcome: DeliveryOutcome): string {
  const { delivery } = outcome;
  const answer =
    outcome.status === null
      ? `no answer (${outcome.error}) after ${outcome.durationMs} ms`
      : `${outcome.status} in ${outcome.durationMs} ms${outcome.responseExcerpt ? ` ${JSON.stringify(outcome.responseExcerpt)}` : ''}`;
  return [
    `[${delivery.label}] POST ${url.href} event=${delivery.eventId} delivery=${delivery.deliveryId}`,
    `headers ${JSON.stringify(delivery.headers)}`,
    `body ${JSON.stringify(delivery.rawBody)}`,
    `-> ${answer}`,
  ].join(' ');
}
