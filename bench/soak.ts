// Soak benchmark: the mock's RSS and heap (after a full GC) as mixed traffic and rehearsals pile up.
// The mock runs from dist/ (`npm run build` first). Figures, not assertions. Counts come from the environment so CI can run a smaller soak:
//   BENCH_SOAK_REQUESTS="100000,500000"  checkpoints of mixed requests on one tenant
//   BENCH_SOAK_REHEARSALS=1000           rehearsals against the same mock (0 skips them)
//   BENCH_SOAK_NODE_FLAGS="..."           extra node flags for the mock process (e.g. --max-semi-space-size=2)
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Pool } from 'undici';
import { loadHarnessConfig } from '../harness/config/index.js';
import { runLaunchRehearsal } from '../harness/rehearsal/index.js';

const CHECKPOINTS = (process.env.BENCH_SOAK_REQUESTS ?? '100000,500000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const REHEARSALS = Number(process.env.BENCH_SOAK_REHEARSALS ?? 1000);
const WARMUP = Number(process.env.BENCH_SOAK_WARMUP ?? 10_000);
const CONNECTIONS = 16;
const MB = 1024 * 1024;

interface Memory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

async function startSoakMock(): Promise<{
  child: ChildProcess;
  info: { url: string; apiKey: string; oauthClient: { clientId: string; clientSecret: string } };
}> {
  const flags = (process.env.BENCH_SOAK_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const server = new URL('./soak-server.mjs', import.meta.url).pathname;
  const child = spawn(process.execPath, ['--expose-gc', ...flags, server], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const lines = createInterface({ input: child.stdout as NonNullable<typeof child.stdout> });
  const [line] = (await once(lines, 'line')) as [string];
  return { child, info: JSON.parse(line) };
}

const memoryOf = async (child: ChildProcess): Promise<Memory> => {
  child.send('memory');
  const [usage] = (await once(child, 'message')) as [Memory];
  return usage;
};
const mb = (bytes: number) => (bytes / MB).toFixed(1).padStart(6);
const show = (label: string, m: Memory) =>
  console.log(
    `  ${label.padEnd(34)} rss ${mb(m.rss)} MB  heap used ${mb(m.heapUsed)} MB  heap total ${mb(m.heapTotal)} MB  external ${mb(m.external)} MB`,
  );

/** A receiver that acknowledges every delivery. */
async function startAckReceiver() {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, close: () => server.close() };
}

async function mixedTraffic(
  child: ChildProcess,
  info: { url: string; apiKey: string; oauthClient: { clientId: string; clientSecret: string } },
) {
  const pool = new Pool(info.url, { connections: CONNECTIONS, pipelining: 1 });
  const receiver = await startAckReceiver();
  const auth = { authorization: `Bearer ${info.apiKey}` };
  const json = { ...auth, 'content-type': 'application/json' };
  const send = async (method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: string) => {
    const response = await pool.request({ method, path, headers, body: body ?? null });
    const text = await response.body.text();
    return { status: response.statusCode, text };
  };
  const endpoint = JSON.parse(
    (
      await send(
        'POST',
        '/v1/webhooks/endpoints',
        json,
        JSON.stringify({ url: receiver.url, eventTypes: ['claim.status_changed', 'sandbox.test'] }),
      )
    ).text,
  ) as { id: string };
  const client = JSON.parse(
    (await send('POST', '/v1/clients', json, JSON.stringify({ externalRef: 'soak', name: 'Soak', country: 'GB' })))
      .text,
  ) as { id: string };
  let claimId = JSON.parse(
    (
      await send(
        'POST',
        '/v1/claims',
        { ...json, 'idempotency-key': 'soak-0' },
        JSON.stringify({
          clientId: client.id,
          claimType: 'duty_drawback',
          amount: { currency: 'GBP', value: '1.00' },
          reference: 'soak-0',
        }),
      )
    ).text,
  ).id as string;
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: info.oauthClient.clientId,
    client_secret: info.oauthClient.clientSecret,
  }).toString();
  let sent = 0;
  let serverErrors = 0;
  const one = async (i: number) => {
    const kind = i % 20;
    let result: { status: number; text: string };
    if (kind < 9) result = await send('GET', `/v1/claims/${claimId}/status`, auth);
    else if (kind < 12)
      result = await send(
        'POST',
        '/v1/clients',
        json,
        JSON.stringify({ externalRef: `soak-${i}`, name: 'Soak', country: 'GB' }),
      );
    else if (kind < 14) {
      result = await send(
        'POST',
        '/v1/claims',
        { ...json, 'idempotency-key': `soak-${i}` },
        JSON.stringify({
          clientId: client.id,
          claimType: 'duty_drawback',
          amount: { currency: 'GBP', value: '1.00' },
          reference: `soak-${i}`,
        }),
      );
      if (result.status === 202) claimId = (JSON.parse(result.text) as { id: string }).id;
    } else if (kind === 14) result = await send('GET', '/v1/webhook-deliveries?limit=25', auth);
    else if (kind === 15)
      result = await send('POST', '/v1/sandbox/webhooks/test', json, JSON.stringify({ endpointId: endpoint.id }));
    else if (kind === 16) result = await send('POST', '/v1/clients', json, '{"externalRef": "broken",');
    else if (kind === 17)
      result = await send('POST', '/oauth/token', { 'content-type': 'application/x-www-form-urlencoded' }, form);
    else if (kind === 18)
      result = await send('POST', '/v1/clients', json, '{"externalRef":"x","name":"\\ud800","country":"GB"}');
    else result = await send('GET', '/health', {});
    if (result.status >= 500) serverErrors += 1;
  };
  const runUntil = async (target: number) => {
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (sent < target) await one(sent++);
      }),
    );
  };
  const started = performance.now();
  await runUntil(WARMUP);
  show(`after ${WARMUP.toLocaleString('en')} (warm-up)`, await memoryOf(child));
  for (const checkpoint of CHECKPOINTS) {
    await runUntil(checkpoint);
    show(`after ${checkpoint.toLocaleString('en')} mixed requests`, await memoryOf(child));
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`  ${sent.toLocaleString('en')} requests in ${seconds.toFixed(0)} s, ${serverErrors} answered 5xx`);
  await pool.close();
  receiver.close();
}

async function rehearsals(child: ChildProcess, url: string) {
  const config = loadHarnessConfig({
    DUTYCLAIMS_BASE_URL: url,
    DUTYCLAIMS_OUT_DIR: mkdtempSync(join(tmpdir(), 'dc-soak-')),
  });
  const every = Math.max(1, Math.floor(REHEARSALS / 5));
  let notReady = 0;
  const started = performance.now();
  for (let run = 1; run <= REHEARSALS; run += 1) {
    const { packet } = await runLaunchRehearsal({ config });
    if (packet.verdict !== 'ready') notReady += 1;
    if (run % every === 0 || run === REHEARSALS) show(`after ${run} rehearsals`, await memoryOf(child));
  }
  console.log(
    `  ${REHEARSALS} rehearsals in ${((performance.now() - started) / 1000).toFixed(0)} s, ${notReady} not ready`,
  );
}

/** Runs the soak and prints the figures. */
export async function runSoak(): Promise<void> {
  console.log(`Soak: mock memory after a full GC (target: flat after warm-up, below 150 MB)`);
  const mixed = await startSoakMock();
  try {
    show('at start', await memoryOf(mixed.child));
    await mixedTraffic(mixed.child, mixed.info);
  } finally {
    mixed.child.kill('SIGTERM');
  }
  if (REHEARSALS <= 0) return;
  const shared = await startSoakMock();
  try {
    show('shared mock at start', await memoryOf(shared.child));
    await rehearsals(shared.child, shared.info.url);
  } finally {
    shared.child.kill('SIGTERM');
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runSoak();
