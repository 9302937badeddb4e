import { type EventType, Headers } from '../contract/index.js';
import type { Agent, request } from '../http/undici.js';
import { signDutyClaims } from '../webhooks/index.js';
import type { MockClock } from './clock.js';
import type { FaultBook } from './faults.js';
import { newId } from './ids.js';
import { isLoopbackUrl } from './loopback.js';
import type { WebhookDeliveryOptions } from './options.js';
import type { Scheduler } from './scheduler.js';
import type { DeliveryRecord, EndpointRecord, MockStore } from './store.js';

export interface WebhookDispatcherDeps {
  readonly clock: MockClock;
  readonly scheduler: Scheduler;
  readonly faults: FaultBook;
  readonly options: WebhookDeliveryOptions;
  readonly store: () => MockStore;
}

/** A queued event: its deliveries (two when a duplicate_delivery fault fired) and their first attempts. */
export interface QueuedEvent {
  readonly eventId: string;
  readonly deliveries: readonly DeliveryRecord[];
  /** Settles when every first attempt has finished (never rejects). */
  readonly settled: Promise<void>;
}

/** Signs and POSTs events to webhook endpoints, retrying on the mock clock. */
export interface WebhookDispatcher {
  /** Fans an event out to the org's endpoints subscribed to `type`. */
  emit(orgId: string, type: EventType, createdAt: string, data: object): Promise<void>;
  /** Sends one event to one endpoint whatever it subscribes to (sandbox tests). */
  send(endpoint: EndpointRecord, type: EventType, data: object): QueuedEvent;
  /** Drops in-flight work (reset). */
  reset(): void;
  close(): Promise<void>;
}

const ignore = (): void => undefined;

const USER_AGENT = 'DutyClaims-Webhooks/1.0 (launch-harness reference mock)';

/** Describes a failed attempt without leaking anything secret. */
function describeFailure(error: unknown, timeoutMs: number): string {
  const code = (error as { code?: unknown })?.code;
  const name = (error as { name?: unknown })?.name;
  if (name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT')
    return `timeout: no complete response within ${timeoutMs} ms`;
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return `connect timeout after ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: unknown } })?.cause?.code;
  const label = typeof code === 'string' ? code : typeof cause === 'string' ? cause : 'error';
  return `connection error: ${label}`;
}

/** Creates the dispatcher; it owns its own undici Agent (so test interceptors never see deliveries). */
export function createWebhookDispatcher(deps: WebhookDispatcherDeps): WebhookDispatcher {
  const { clock, scheduler, faults, options } = deps;
  // undici loads with the first delivery, not with the mock: most runs never send a webhook, and its
  // evaluation is a large part of a cold start.
  let http: Promise<{ agent: Agent; request: typeof request }> | undefined;
  const undici = () =>
    (http ??= import('../http/undici.js').then((loaded) => ({
      agent: new loaded.Agent({ connectTimeout: options.timeoutMs, keepAliveTimeout: 1000 }),
      request: loaded.request,
    })));
  let generation = 0;
  let aborter = new AbortController();
  let closed = false;

  const attempt = async (endpoint: EndpointRecord, delivery: DeliveryRecord): Promise<void> => {
    const mine = generation;
    const { agent, request } = await undici();
    // A reset or close while undici loaded (first delivery only) would have aborted the request.
    if (mine !== generation) return;
    const { rawBody } = delivery;
    if (closed || rawBody === null || delivery.status === 'succeeded' || delivery.status === 'failed') return;
    if (endpoint.status === 'disabled') {
      deps.store().deliveries.setStatus(delivery, 'failed');
      delivery.nextAttemptAt = null;
      return;
    }
    const number = delivery.attempts.length + 1;
    const startedAt = clock.now();
    const started = performance.now();
    let responseStatus: number | null = null;
    let error: string | null = null;
    if (!options.allowNonLoopback && !isLoopbackUrl(endpoint.url))
      error = 'refused: the endpoint is not on loopback and allowNonLoopback is off';
    else {
      try {
        const secrets = endpoint.secrets.filter((s) => s.expiresAt === null || s.expiresAt > startedAt);
        const signature = signDutyClaims({
          secrets: secrets.map((s) => s.value),
          timestamp: Math.floor((options.signingClock === 'real' ? Date.now() : startedAt) / 1000),
          rawBody,
        });
        const response = await request(endpoint.url, {
          method: 'POST',
          dispatcher: agent,
          headers: {
            'content-type': 'application/json',
            'user-agent': USER_AGENT,
            [Headers.signature]: signature,
            [Headers.eventId]: delivery.eventId,
            [Headers.deliveryId]: delivery.id,
          },
          body: rawBody,
          headersTimeout: options.timeoutMs,
          bodyTimeout: options.timeoutMs,
          signal: AbortSignal.any([aborter.signal, AbortSignal.timeout(options.timeoutMs)]),
        });
        responseStatus = response.statusCode;
        await response.body.dump().catch(() => undefined);
      } catch (caught) {
        error = describeFailure(caught, options.timeoutMs);
      }
    }
    if (mine !== generation || closed) return;
    const record = {
      attempt: number,
      at: new Date(startedAt).toISOString(),
      responseStatus,
      error,
      durationMs: Math.max(0, Math.round(performance.now() - started)),
    };
    // A new array of the exact length: the first push onto [] would reserve room for 17 attempts
    // (~130 bytes more per delivery kept, and most deliveries keep one attempt).
    delivery.attempts = [...delivery.attempts, record];
    if (responseStatus !== null && responseStatus >= 200 && responseStatus < 300) {
      deps.store().deliveries.setStatus(delivery, 'succeeded');
      delivery.nextAttemptAt = null;
    } else if (number < options.maxAttempts) {
      const next = startedAt + options.retryBaseMs * 2 ** (number - 1);
      deps.store().deliveries.setStatus(delivery, 'retrying');
      delivery.nextAttemptAt = next;
      scheduler.schedule(next, () => enqueue(endpoint, delivery));
    } else {
      deps.store().deliveries.setStatus(delivery, 'failed');
      delivery.nextAttemptAt = null;
    }
  };

  /**
   * Attempts to one endpoint go one at a time, so a receiver sees events in the order they happened.
   * A receiver slower than the events leaves a backlog: each waiting delivery costs one promise and one
   * closure here (the chain's tail), nothing more.
   */
  const enqueue = (endpoint: EndpointRecord, delivery: DeliveryRecord): Promise<void> => {
    endpoint.queue = endpoint.queue.then(() => attempt(endpoint, delivery).catch(ignore));
    return endpoint.queue;
  };

  const createDelivery = (endpoint: EndpointRecord, eventId: string, type: EventType, rawBody: string) => {
    const store = deps.store();
    const delivery: DeliveryRecord = {
      seq: store.deliveries.nextSeq(),
      id: newId('whd'),
      eventId,
      endpointId: endpoint.id,
      orgId: endpoint.orgId,
      eventType: type,
      createdAt: clock.iso(),
      rawBody,
      status: 'pending',
      attempts: [],
      nextAttemptAt: clock.now(),
    };
    store.deliveries.append(delivery);
    store.retain(clock.now());
    return delivery;
  };

  const queue = (endpoint: EndpointRecord, eventId: string, type: EventType, rawBody: string): QueuedEvent => {
    const deliveries = [createDelivery(endpoint, eventId, type, rawBody)];
    if (faults.takeDuplicateDelivery()) deliveries.push(createDelivery(endpoint, eventId, type, rawBody));
    // A duplicate queues behind the first delivery: the last one's turn settles them all.
    let settled: Promise<void> = Promise.resolve();
    for (const delivery of deliveries) settled = enqueue(endpoint, delivery);
    return { eventId, deliveries, settled };
  };

  const eventBody = (eventId: string, type: EventType, createdAt: string, orgId: string, data: object) =>
    JSON.stringify({ id: eventId, type, createdAt, partnerOrgId: orgId, data });

  return {
    emit(orgId, type, createdAt, data) {
      if (closed) return Promise.resolve();
      const eventId = newId('evt');
      const rawBody = eventBody(eventId, type, createdAt, orgId, data);
      const settled: Promise<void>[] = [];
      for (const endpoint of deps.store().endpoints.values())
        if (endpoint.orgId === orgId && endpoint.status === 'enabled' && endpoint.eventTypes.includes(type))
          settled.push(queue(endpoint, eventId, type, rawBody).settled);
      if (settled.length <= 1) return settled[0] ?? Promise.resolve();
      return Promise.all(settled).then(ignore);
    },
    send(endpoint, type, data) {
      const eventId = newId('evt');
      return queue(endpoint, eventId, type, eventBody(eventId, type, clock.iso(), endpoint.orgId, data));
    },
    reset() {
      generation++;
      aborter.abort();
      aborter = new AbortController();
    },
    async close() {
      closed = true;
      generation++;
      aborter.abort();
      if (http) await (await http).agent.destroy().catch(() => undefined);
    },
  };
}
