import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ApiResponse, type HttpSettings, send } from './http.js';

/** The scenario's inputs (examples/partner-clients/SCENARIO.md), read from the environment. */
export interface ScenarioConfig {
  readonly clientRef: string;
  readonly clientIds: readonly string[];
  readonly pageSize: number;
  readonly maxConcurrency: number;
  /** Fire the whole fan-out at once (the `unbounded-concurrency` flaw). */
  readonly unbounded: boolean;
  /** Stop listing after the first page (the `first-page-only` flaw). */
  readonly firstPageOnly: boolean;
  /**
   * Also run the launch checklist's dry run around the scenario (partner organization, endpoint
   * registration, sandbox test delivery, the client's authority before the claim): set when
   * DUTYCLAIMS_WEBHOOK_PUBLIC_URL names the receiver, as under `dutyclaims-launch observe`.
   */
  readonly dryRun: { readonly partnerOrgId: string; readonly webhookUrl: string } | null;
  /** The partner organization step 7 reads. */
  readonly partnerOrgId: string | null;
  /** The key file the grader rotates at step 7; null: no step 7. */
  readonly keyFile: string | null;
}

class ScenarioError extends Error {
  override readonly name = 'ScenarioError' as const;
}

function expect(step: string, response: ApiResponse, statuses: readonly number[]): ApiResponse {
  if (!statuses.includes(response.status)) {
    const error = response.body.error as { code?: string; requestId?: string } | undefined;
    throw new ScenarioError(
      `${step}: expected ${statuses.join(' or ')}, got ${response.status} ${error?.code ?? ''} (request ${error?.requestId ?? '?'})`,
    );
  }
  return response;
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) results[index] = await work(items[index] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The dry run's first three steps: the partner organization, an endpoint, a sandbox test delivery. */
async function dryRunStart(
  http: HttpSettings,
  dryRun: NonNullable<ScenarioConfig['dryRun']>,
  log: (line: string) => void,
) {
  const org = await send(http, { method: 'GET', path: `/v1/partner-organizations/${dryRun.partnerOrgId}` });
  expect('dry run 1', org, [200]);
  log(
    `dry run 1: partner organization in ${org.body.environment}, contract ${(org.body.contract as { hash?: string }).hash}`,
  );
  const eventTypes = ['claim.status_changed', 'sandbox.test'];
  const endpoint = await send(http, {
    method: 'POST',
    path: '/v1/webhooks/endpoints',
    body: { url: dryRun.webhookUrl, eventTypes },
  });
  // The signing secret is shown once: a real integration puts it in its secret store, never in a log.
  log(`dry run 2: endpoint ${expect('dry run 2', endpoint, [201]).body.id} registered`);
  const test = await send(http, {
    method: 'POST',
    path: '/v1/sandbox/webhooks/test',
    body: { endpointId: endpoint.body.id },
  });
  log(`dry run 3: sandbox test delivery ${expect('dry run 3', test, [202]).body.deliveryId} queued`);
}

/** The six steps, in order; prints one line per step and throws ScenarioError on an unexpected answer. */
export async function runScenario(http: HttpSettings, config: ScenarioConfig, log: (line: string) => void) {
  if (config.dryRun) await dryRunStart(http, config.dryRun, log);
  const client = { externalRef: config.clientRef, name: 'Grade Partner Client', country: 'GB' };
  const created = expect('step 1', await send(http, { method: 'POST', path: '/v1/clients', body: client }), [201]);
  log(`step 1: client ${created.body.id} created (${created.attempts} attempts)`);

  const again = expect('step 2', await send(http, { method: 'POST', path: '/v1/clients', body: client }), [409]);
  const clientId = String((again.body.error as { resourceId?: string } | undefined)?.resourceId ?? created.body.id);
  log(`step 2: already exists, linked to ${clientId}`);
  if (config.dryRun) {
    const authority = await send(http, { method: 'GET', path: `/v1/clients/${clientId}/authority` });
    log(`dry run 5: authority ${expect('dry run 5', authority, [200]).body.status} before any claim work`);
  }

  const claimBody = {
    clientId,
    claimType: 'duty_drawback',
    amount: { currency: 'GBP', value: '125.50' },
    reference: `order-${randomUUID().slice(0, 8)}`,
  };
  const claim = expect('step 3', await send(http, { method: 'POST', path: '/v1/claims', body: claimBody }), [202]);
  log(`step 3: claim ${claim.body.id} received (${claim.attempts} attempts)`);

  const status = expect(
    'step 4',
    await send(http, { method: 'GET', path: `/v1/claims/${claim.body.id}/status` }),
    [200],
  );
  log(`step 4: claim status ${status.body.status} (${status.attempts} attempts)`);

  let cursor: string | null = null;
  let deliveries = 0;
  let pages = 0;
  do {
    const query = new URLSearchParams({ limit: String(config.pageSize), ...(cursor ? { cursor } : {}) });
    const page = expect('step 5', await send(http, { method: 'GET', path: `/v1/webhook-deliveries?${query}` }), [200]);
    pages++;
    deliveries += (page.body.data as unknown[]).length;
    cursor = page.body.hasMore === true && !config.firstPageOnly ? String(page.body.nextCursor) : null;
  } while (cursor !== null);
  log(`step 5: ${deliveries} deliveries in ${pages} pages`);

  const limit = config.unbounded ? config.clientIds.length : config.maxConcurrency;
  const reads = await pool(config.clientIds, limit, async (id) => {
    const read = await send(http, { method: 'GET', path: `/v1/clients/${id}/authority` });
    // A 5xx or 429 here is final: the last attempt, or an envelope that said no_retry/contact_support.
    // Surface it with its request id and go on with the other reads (a 401 or 403 too).
    if (read.status >= 500 || read.status === 429) {
      const error = read.body.error as { code?: string; requestId?: string; retryStrategy?: string } | undefined;
      log(
        `step 6: gave up on ${id}: ${read.status} ${error?.code ?? ''} (retryStrategy ${error?.retryStrategy ?? '-'}, request ${error?.requestId ?? '?'}) after ${read.attempts} attempt(s)`,
      );
    } else expect(`step 6 (${id})`, read, [200, 401, 403, 404]);
    return read;
  });
  const counts: Record<number, number> = {};
  for (const read of reads) counts[read.status] = (counts[read.status] ?? 0) + 1;
  log(`step 6: ${reads.length} authorities read: ${JSON.stringify(counts)}`);

  if (config.keyFile !== null && config.partnerOrgId !== null) await rotationStep(http, config, log);
}

/** How long step 7 waits for the grader to write the new key. */
const KEY_CHANGE_WAIT_MS = 30_000;

/**
 * Step 7: read the partner organization, wait until the key file holds a new key (the grader rotates
 * the key once it sees that read), then read the capabilities and the partner organization again. Every request asks for the current key,
 * so these reads use the new one; a 401 is reported with its request id, never retried.
 */
async function rotationStep(http: HttpSettings, config: ScenarioConfig, log: (line: string) => void) {
  const path = `/v1/partner-organizations/${config.partnerOrgId}`;
  const file = config.keyFile as string;
  const before = readFileSync(file, 'utf8');
  expect('step 7', await send(http, { method: 'GET', path }), [200]);
  const deadline = Date.now() + KEY_CHANGE_WAIT_MS;
  while (readFileSync(file, 'utf8') === before) {
    if (Date.now() > deadline) throw new ScenarioError(`step 7: the key file ${file} did not change within 30 s`);
    await sleep(50);
  }
  for (const read of [`${path}/capabilities`, path]) {
    const answer = await send(http, { method: 'GET', path: read });
    const error = answer.body.error as { code?: string; requestId?: string } | undefined;
    log(
      answer.status === 200
        ? `step 7: GET ${read} after the key rotation: 200`
        : `step 7: GET ${read} after the key rotation failed: ${answer.status} ${error?.code ?? ''} (request ${error?.requestId ?? '?'})`,
    );
  }
}

/** True for the error runScenario throws on an unexpected answer. */
export const isScenarioError = (error: unknown): error is ScenarioError =>
  error instanceof Error && error.name === 'ScenarioError';
