import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  isWebhookSchemeId,
  isWebhookVerificationError,
  type WebhookScheme,
  type WebhookSchemeId,
  webhookSchemes,
} from '../../../harness/webhooks/index.js';
import { bodyEventId, type ReceiverBehaviour, referenceBehaviour } from './behaviour.js';
import { flawedBehaviour, type ReceiverFlaw } from './flaws.js';

export interface NodeReceiverOptions {
  /** The endpoint's signing secret(s); several while a rotation is in progress. */
  readonly secret: string | readonly string[];
  readonly scheme?: WebhookSchemeId | WebhookScheme;
  readonly toleranceSeconds?: number;
  /** Serve `GET /processed` (the grader's processed-events hook). Never enable in production. */
  readonly testMode?: boolean;
  /** Deliberate defects, to prove the grader notices them. Empty for the reference receiver. */
  readonly flaws?: readonly ReceiverFlaw[];
  /**
   * Background worker: acknowledge at once, then process queued events one at a time, taking this
   * long each (the pattern the launch checklists recommend). Default 0: processed before the answer.
   */
  readonly workMsPerEvent?: number;
  /** How long the `slow-ack` flaw waits before answering. Default 6000. */
  readonly slowAckMs?: number;
  readonly host?: string;
  readonly port?: number;
}

export interface StartedNodeReceiver extends AsyncDisposable {
  /** Where deliveries go: `http://127.0.0.1:PORT/webhooks`. */
  readonly url: string;
  /** `http://127.0.0.1:PORT/processed` in test mode, else null. */
  readonly processedUrl: string | null;
  /** One entry per time an event was processed. */
  readonly processed: readonly string[];
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

async function readRawBody(request: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const json = (response: ServerResponse, status: number, body: unknown) =>
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

/** A queue worked one event at a time, `workMs` each; with 0 the work is done on enqueue. */
function startWorker(workMs: number, work: (eventId: string) => void) {
  const queue: string[] = [];
  let running = false;
  let stopped = false;
  const drain = async () => {
    running = true;
    for (let next = queue.shift(); next !== undefined && !stopped; next = queue.shift()) {
      await sleep(workMs);
      if (!stopped) work(next);
    }
    running = false;
  };
  return {
    enqueue(eventId: string) {
      if (workMs === 0) return work(eventId);
      queue.push(eventId);
      if (!running) void drain();
    },
    stop() {
      stopped = true;
    },
  };
}

/** Starts the reference receiver: raw body, verify first, dedupe on event id, acknowledge fast. */
export async function startNodeReceiver(options: NodeReceiverOptions): Promise<StartedNodeReceiver> {
  const scheme = typeof options.scheme === 'object' ? options.scheme : webhookSchemes[options.scheme ?? 'dutyclaims'];
  if (typeof options.scheme === 'string' && !isWebhookSchemeId(options.scheme))
    throw new RangeError(`Unknown scheme ${options.scheme}.`);
  const secrets = typeof options.secret === 'string' ? [options.secret] : [...options.secret];
  const reference = referenceBehaviour(scheme, secrets, options.toleranceSeconds ?? 300);
  const behaviour: ReceiverBehaviour = flawedBehaviour(reference, options.flaws ?? [], {
    scheme,
    secrets,
    toleranceSeconds: options.toleranceSeconds ?? 300,
    ...(options.slowAckMs === undefined ? {} : { slowAckMs: options.slowAckMs }),
  });
  const processed: string[] = [];
  const seen = new Set<string>();
  const worker = startWorker(options.workMsPerEvent ?? 0, (eventId) => processed.push(eventId));
  // Deduplicates on the behaviour's key, then hands the event to the worker ("processing" records it).
  const processEvent = (eventId: string, key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    worker.enqueue(eventId);
  };

  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://receiver').pathname;
    if (options.testMode && request.method === 'GET' && path === '/processed')
      return json(response, 200, { processed });
    if (request.method !== 'POST' || path !== '/webhooks') return json(response, 404, { error: 'not_found' });
    const rawBody = await readRawBody(request);
    if (rawBody === null) return json(response, 413, { error: 'body_too_large' });
    try {
      if (behaviour.markSeenBeforeVerify) {
        const eventId = bodyEventId(rawBody);
        if (seen.has(eventId)) return json(response, 200, { received: true, duplicate: true });
        seen.add(eventId);
        worker.enqueue(behaviour.verify(request.headers, rawBody).eventId);
        return json(response, 200, { received: true });
      }
      if (behaviour.processBeforeVerify) {
        const eventId = bodyEventId(rawBody);
        processEvent(eventId, eventId);
      }
      const event = behaviour.verify(request.headers, rawBody);
      processEvent(event.eventId, behaviour.dedupeKey(event));
    } catch (error) {
      if (isWebhookVerificationError(error)) return json(response, 400, { error: error.code });
      if (error instanceof SyntaxError) return json(response, 400, { error: 'body_not_json' });
      return json(response, 500, { error: 'internal' });
    }
    if (behaviour.ackDelayMs > 0) await sleep(behaviour.ackDelayMs);
    return json(response, 200, { received: true });
  });
  server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  await once(server, 'listening');
  const { address, port } = server.address() as AddressInfo;
  const base = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;

  let closed: Promise<void> | undefined;
  const close = () => {
    worker.stop();
    closed ??= new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
    return closed;
  };
  return {
    url: `${base}/webhooks`,
    processedUrl: options.testMode ? `${base}/processed` : null,
    processed,
    close,
    [Symbol.asyncDispose]: close,
  };
}
