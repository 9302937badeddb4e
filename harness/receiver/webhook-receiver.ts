import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Headers } from '../contract/headers.js';
import { WebhookEvent } from '../contract/schemas/webhooks.js';
import { verifyDutyClaims } from '../webhooks/dutyclaims.js';
import { isWebhookVerificationError } from '../webhooks/errors.js';

/** One delivery as the receiver saw it: the "receiving-service log entry" the checklist asks for. */
export interface ReceiverLogEntry {
  readonly receivedAt: string;
  readonly deliveryId: string | null;
  readonly eventId: string | null;
  readonly eventType: string | null;
  /** Verified against the raw body before anything else looked at it. */
  readonly verified: boolean;
  readonly failure: string | null;
  /** True when the event was handed to routing (only ever after verification, once per event id). */
  readonly routed: boolean;
  readonly duplicate: boolean;
  /** The status answered; 0 when the sender went away before the body was complete. */
  readonly status: number;
  readonly event: WebhookEvent | null;
}

export interface WebhookReceiverOptions {
  readonly host?: string;
  readonly port?: number;
  readonly toleranceSeconds?: number;
  readonly now?: () => number;
  readonly maxBodyBytes?: number;
}

export interface StartedWebhookReceiver extends AsyncDisposable {
  readonly url: string;
  /** Stores the endpoint's signing secret(s) in memory; deliveries are refused until one is set. */
  setSecrets(secrets: readonly string[]): void;
  readonly log: readonly ReceiverLogEntry[];
  /** Resolves with the first log entry (past or future) that matches, or rejects after timeoutMs. */
  waitFor(predicate: (entry: ReceiverLogEntry) => boolean, timeoutMs: number): Promise<ReceiverLogEntry>;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const header = (request: IncomingMessage, name: string): string | null => {
  const value = request.headers[name.toLowerCase()];
  return typeof value === 'string' ? value : null;
};

/**
 * Starts the harness's own webhook receiver: it verifies the HMAC over the raw body first, routes
 * only verified events, deduplicates on event id and keeps a log of every delivery.
 */
export async function startWebhookReceiver(options: WebhookReceiverOptions = {}): Promise<StartedWebhookReceiver> {
  let secrets: readonly string[] = [];
  const log: ReceiverLogEntry[] = [];
  const routedEventIds = new Set<string>();
  const waiters = new Set<(entry: ReceiverLogEntry) => void>();
  const record = (entry: ReceiverLogEntry) => {
    log.push(entry);
    for (const waiter of waiters) waiter(entry);
  };

  const server = createServer(async (request, response) => {
    const base = {
      receivedAt: new Date().toISOString(),
      deliveryId: header(request, Headers.deliveryId),
      eventId: header(request, Headers.eventId),
    };
    const refused = { eventType: null, verified: false, routed: false, duplicate: false, event: null };
    let body: Buffer | null;
    try {
      body = await readBody(request, options.maxBodyBytes ?? 256 * 1024);
    } catch {
      // The sender went away mid-body (a scanner, a proxy, a provider timeout): log it, never crash.
      record({ ...base, ...refused, failure: 'connection aborted before the body was complete', status: 0 });
      return;
    }
    const answer = (
      status: number,
      entry: Omit<ReceiverLogEntry, 'status' | 'receivedAt' | 'deliveryId' | 'eventId'>,
    ) => {
      record({ ...base, ...entry, status });
      if (response.destroyed) return;
      response
        .writeHead(status, { 'content-type': 'application/json' })
        .end(JSON.stringify({ received: status < 300 }));
    };
    if (request.method !== 'POST' || body === null)
      return answer(request.method !== 'POST' ? 405 : 413, { ...refused, failure: 'not a delivery' });
    try {
      verifyDutyClaims({
        header: header(request, Headers.signature),
        rawBody: body,
        secrets,
        ...(options.toleranceSeconds === undefined ? {} : { toleranceSeconds: options.toleranceSeconds }),
        ...(options.now ? { now: options.now } : {}),
      });
    } catch (error) {
      return answer(400, {
        ...refused,
        failure: isWebhookVerificationError(error) ? error.code : 'verification error',
      });
    }
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return answer(400, { ...refused, verified: true, failure: 'verified body is not JSON' });
    }
    const parsed = WebhookEvent.safeParse(json);
    if (!parsed.success)
      return answer(422, { ...refused, verified: true, failure: 'event does not match the contract' });
    const duplicate = routedEventIds.has(parsed.data.id);
    routedEventIds.add(parsed.data.id);
    return answer(200, {
      eventType: parsed.data.type,
      verified: true,
      failure: null,
      routed: !duplicate,
      duplicate,
      event: parsed.data,
    });
  });
  server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  await once(server, 'listening');
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;

  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return {
    url: `http://${host}:${port}/webhooks/dutyclaims`,
    setSecrets: (next) => {
      secrets = [...next];
    },
    log,
    waitFor(predicate, timeoutMs) {
      const found = log.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = (entry: ReceiverLogEntry) => {
          if (!predicate(entry)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(entry);
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`No matching webhook delivery reached the receiver within ${timeoutMs} ms.`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
