import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebhookEvent, WebhookEvent as WebhookEventSchema } from '../../../harness/contract/index.js';
import { isWebhookVerificationError, verifyDutyClaims } from '../../../harness/webhooks/index.js';

export interface ReceivedDelivery {
  readonly eventId: string;
  readonly deliveryId: string;
  readonly signature: string;
  readonly rawBody: string;
  readonly event: WebhookEvent;
  /** null when verified, else the WebhookVerificationError code. */
  readonly verificationError: string | null;
  readonly matchedSecretIndex: number | null;
  readonly receivedAt: number;
}

export interface ReceiverOptions {
  /** The secrets to verify with (read at each delivery, so rotation can update them). */
  readonly secrets: () => readonly string[];
  /** Receiver clock in ms for the tolerance check (default Date.now). */
  readonly now?: () => number;
  /** Status to answer for the nth delivery (1-based); 'hang' never answers. Default 200. */
  readonly respond?: (n: number) => number | 'hang';
}

export interface TestReceiver extends AsyncDisposable {
  readonly url: string;
  readonly received: ReceivedDelivery[];
  /** Resolves once `count` deliveries arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedDelivery[]>;
  close(): Promise<void>;
}

/** A webhook receiver on 127.0.0.1, port 0, verifying every delivery on its raw body with verifyDutyClaims. */
export async function startReceiver(options: ReceiverOptions): Promise<TestReceiver> {
  const received: ReceivedDelivery[] = [];
  const waiters = new Set<() => void>();
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const signature = String(req.headers['dutyclaims-signature'] ?? '');
    let verificationError: string | null = null;
    let matchedSecretIndex: number | null = null;
    try {
      matchedSecretIndex = verifyDutyClaims({
        header: signature,
        rawBody,
        secrets: options.secrets(),
        ...(options.now ? { now: options.now } : {}),
      }).matchedSecretIndex;
    } catch (error) {
      verificationError = isWebhookVerificationError(error) ? error.code : String(error);
    }
    received.push({
      eventId: String(req.headers['dutyclaims-event-id']),
      deliveryId: String(req.headers['dutyclaims-delivery-id']),
      signature,
      rawBody,
      event: WebhookEventSchema.parse(JSON.parse(rawBody)),
      verificationError,
      matchedSecretIndex,
      receivedAt: Date.now(),
    });
    for (const wake of waiters) wake();
    const status = options.respond?.(received.length) ?? 200;
    if (status === 'hang') return;
    res.writeHead(status).end();
  };
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    received,
    waitFor(count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (received.length < count) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(received.slice(0, count));
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`Expected ${count} deliveries, got ${received.length} within ${timeoutMs} ms.`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
