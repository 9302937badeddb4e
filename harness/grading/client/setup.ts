import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Headers } from '../../contract/index.js';
import { Agent, request } from '../../http/undici.js';
import type { StartedReferenceMock } from '../../reference-mock/index.js';
import { STRATEGY_FAULTS } from './strategy-faults.js';

/** How many authority reads of step 6 fail two or three times before they succeed (backoff samples). */
export const CHAIN_READS = 8;
/** How many authority reads of step 6 simply succeed (slowly, so overlap is visible). */
export const PLAIN_READS = 6;

/** What the grader created before the run, and the ids it hands to the command. */
export interface ScenarioFixture {
  readonly clientRef: string;
  /** Step 6 reads that fail three times (5xx or dropped), then succeed. */
  readonly chainClientIds: readonly string[];
  /** Step 6 read that keeps failing (503) past the declared retry limit: the client must give up. */
  readonly giveUpClientId: string;
  /** Step 6 read answered 403. */
  readonly forbiddenClientId: string;
  /**
   * Step 6 reads answered with a status a naive client retries (503, 500, 429) whose envelope says
   * `no_retry` or `contact_support`, one per entry of STRATEGY_FAULTS: the client must not retry them.
   */
  readonly strategyClientIds: readonly string[];
  /** Step 6 read answered 401 `credential_invalid`: the credential revoked mid-run. */
  readonly revokedClientId: string;
  /** Step 6 read answered 403 `api_disabled` (`contact_support`). */
  readonly disabledClientId: string;
  /** Step 6 read of a client that does not exist: 404. */
  readonly unknownClientId: string;
  readonly plainClientIds: readonly string[];
  /** Every step 6 id, in the order given to the command. */
  readonly clientIds: readonly string[];
  readonly deliveries: number;
}

const base32 = (length: number) =>
  [...randomBytes(length)].map((byte) => 'abcdefghijklmnopqrstuvwxyz234567'.charAt(byte & 31)).join('');

/** Interleaves the kinds so a sequential client meets each kind early and a parallel one mixes them. */
function interleave(fixture: Omit<ScenarioFixture, 'clientIds'>): string[] {
  const queues = [
    [...fixture.chainClientIds],
    [...fixture.plainClientIds],
    [
      fixture.forbiddenClientId,
      fixture.giveUpClientId,
      fixture.unknownClientId,
      ...fixture.strategyClientIds,
      fixture.revokedClientId,
      fixture.disabledClientId,
    ],
  ];
  const order: string[] = [];
  while (queues.some((queue) => queue.length > 0))
    for (const queue of queues) {
      const next = queue.shift();
      if (next !== undefined) order.push(next);
    }
  return order;
}

/** A loopback receiver that acknowledges every webhook delivery, so seeded deliveries settle. */
async function startSink() {
  let received = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(204).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    received: () => received,
    close: async () => {
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}

/**
 * Seeds the mock for one run: the clients step 6 reads, a webhook endpoint and `deliveries` settled
 * deliveries (so the list has several pages). Its own traffic is cleared from the journal by the caller.
 */
export async function seedScenario(mock: StartedReferenceMock, deliveries: number): Promise<ScenarioFixture> {
  const agent = new Agent({ connections: 4 });
  const sink = await startSink();
  const headers = {
    [Headers.authorization]: `Bearer ${mock.personas.sandbox.apiKey}`,
    'content-type': 'application/json',
  };
  const post = async (path: string, body: unknown): Promise<Record<string, unknown>> => {
    const response = await request(`${mock.url}${path}`, {
      method: 'POST',
      dispatcher: agent,
      headers,
      body: JSON.stringify(body),
    });
    const json = (await response.body.json()) as Record<string, unknown>;
    if (response.statusCode >= 300)
      throw new Error(`Seeding the reference mock failed: POST ${path} answered ${response.statusCode}.`);
    return json;
  };
  try {
    const run = base32(8);
    const createClient = async (label: string) =>
      String((await post('/v1/clients', { externalRef: `grade-${run}-${label}`, name: label, country: 'GB' })).id);
    const chainClientIds: string[] = [];
    for (let index = 0; index < CHAIN_READS; index++) chainClientIds.push(await createClient(`chain-${index}`));
    const plainClientIds: string[] = [];
    for (let index = 0; index < PLAIN_READS; index++) plainClientIds.push(await createClient(`plain-${index}`));
    const forbiddenClientId = await createClient('forbidden');
    const giveUpClientId = await createClient('unavailable');
    const strategyClientIds: string[] = [];
    for (let index = 0; index < STRATEGY_FAULTS.length; index++)
      strategyClientIds.push(await createClient(`strategy-${index}`));
    const revokedClientId = await createClient('revoked');
    const disabledClientId = await createClient('disabled');
    const endpoint = await post('/v1/webhooks/endpoints', { url: sink.url, eventTypes: ['sandbox.test'] });
    for (let index = 0; index < deliveries; index++)
      await post('/v1/sandbox/webhooks/test', { endpointId: endpoint.id, eventType: 'sandbox.test' });
    for (let waited = 0; sink.received() < deliveries && waited < 5000; waited += 10) await sleep(10);
    const fixture = {
      clientRef: `grade-${run}-partner`,
      chainClientIds,
      forbiddenClientId,
      giveUpClientId,
      strategyClientIds,
      revokedClientId,
      disabledClientId,
      unknownClientId: `cli_${base32(20)}`,
      plainClientIds,
      deliveries,
    };
    return { ...fixture, clientIds: interleave(fixture) };
  } finally {
    await agent.close();
    await sink.close();
  }
}
