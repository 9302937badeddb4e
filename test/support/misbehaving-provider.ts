import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HarnessConfig } from '../../harness/config/index.js';
import { loadHarnessConfig } from '../../harness/config/index.js';
import { findFreePort } from '../../harness/container/free-port.js';
import { CONTRACT_PIN } from '../../harness/contract/pin.js';
import type { GateId } from '../../harness/gates/index.js';
import type { LaunchPacket } from '../../harness/packet/index.js';
import {
  type JournalEntry,
  type ReferenceMockOptions,
  type StartedReferenceMock,
  startReferenceMock,
} from '../../harness/reference-mock/index.js';
import { type RehearsalOptions, runLaunchRehearsal } from '../../harness/rehearsal/index.js';
import { type RewritingProxyOptions, startRewritingProxy } from './rewriting-proxy.js';
import { EXAMPLE_ROLLBACK_PLAN } from './rollback-plan.js';

type Personas = StartedReferenceMock['personas'];

/** One rehearsal against the reference mock, made to misbehave by faults, rules or a proxy in front of it. */
export interface MisbehavingRun {
  /** mock (default): the embedded-mock rehearsal; sandbox/production: a real-target run against the mock's host. */
  readonly target?: 'mock' | 'sandbox' | 'production';
  /** The API key of a sandbox/production run; default the full sandbox key, or the read-only live key. */
  readonly apiKey?: (personas: Personas) => string;
  readonly env?: Readonly<Record<string, string>>;
  readonly mock?: ReferenceMockOptions;
  /** A proxy between the harness and the provider: what it rewrites is what the harness sees. */
  readonly proxy?: (mock: StartedReferenceMock) => Omit<RewritingProxyOptions, 'target'>;
  /** Faults and rules set on the mock before the run. */
  readonly before?: (mock: StartedReferenceMock) => Promise<void>;
  /** Changes to the loaded configuration (e.g. owners missing). */
  readonly config?: (config: HarnessConfig) => HarnessConfig;
  /** Client settings of the run, e.g. a `sleep` that does not wait out Retry-After. */
  readonly client?: RehearsalOptions['client'];
  /** Budgets, window and security settings of the nightly watch (read-only runs). */
  readonly monitor?: RehearsalOptions['monitor'];
}

export const OWNERS = {
  DUTYCLAIMS_ROTATION_OWNER: 'platform-team@partner.example',
  DUTYCLAIMS_SECRET_STORAGE: 'vault:kv/dutyclaims/sandbox',
  DUTYCLAIMS_ROLLBACK_OWNER: 'oncall@partner.example',
  DUTYCLAIMS_CUTOVER_OWNER: 'launch-lead@partner.example',
};

export const outDir = (): string => mkdtempSync(join(tmpdir(), 'dc-misbehaving-'));

/** Runs a rehearsal against a misbehaving provider; returns the packet and the mock's journal of what reached it. */
export async function rehearseAgainst(run: MisbehavingRun): Promise<{ packet: LaunchPacket; journal: JournalEntry[] }> {
  const target = run.target ?? 'mock';
  await using mock = await startReferenceMock({
    ...(target === 'production' ? { environment: 'production' as const } : {}),
    ...run.mock,
  });
  await run.before?.(mock);
  await using proxy = run.proxy ? await startRewritingProxy({ target: mock.url, ...run.proxy(mock) }) : null;
  const url = proxy?.url ?? mock.url;
  let env: Record<string, string> = { DUTYCLAIMS_OUT_DIR: outDir() };
  if (target !== 'mock') {
    const persona = target === 'production' ? mock.personas.production : mock.personas.sandbox;
    const defaultKey = target === 'production' ? mock.personas.production.readOnlyApiKey : mock.personas.sandbox.apiKey;
    env = {
      ...env,
      ...OWNERS,
      DUTYCLAIMS_TARGET: target,
      DUTYCLAIMS_BASE_URL: url,
      DUTYCLAIMS_PARTNER_ORG_ID: persona.partnerOrgId,
      DUTYCLAIMS_API_KEY: run.apiKey?.(mock.personas) ?? defaultKey,
      // Sandbox and production take the pin from the partner's artifacts; here, the harness's own.
      DUTYCLAIMS_CONTRACT_HASH: CONTRACT_PIN.hash,
      // Production needs a rollback plan; the example's has every part.
      ...(target === 'production' ? { DUTYCLAIMS_ROLLBACK_PLAN_FILE: EXAMPLE_ROLLBACK_PLAN } : {}),
    };
    if (target === 'sandbox') {
      const port = await findFreePort();
      env.DUTYCLAIMS_RECEIVER_PORT = String(port);
      env.DUTYCLAIMS_WEBHOOK_PUBLIC_URL = `http://127.0.0.1:${port}/webhooks/dutyclaims`;
    }
  }
  const loaded = loadHarnessConfig({ ...env, ...run.env });
  const config = run.config ? run.config(loaded) : loaded;
  const client = { ...(run.client ? { client: run.client } : {}), ...(run.monitor ? { monitor: run.monitor } : {}) };
  const { packet } =
    target === 'mock'
      ? await runLaunchRehearsal({ config, mock: { url, personas: mock.personas }, ...client })
      : await runLaunchRehearsal({ config, ...client });
  return { packet, journal: await mock.control.journal() };
}

/** The gate of a packet, or a thrown error naming it. */
export function gateOf(packet: LaunchPacket, id: GateId): LaunchPacket['gates'][number] {
  const found = packet.gates.find((gate) => gate.id === id);
  if (!found) throw new Error(`The packet has no ${id} gate.`);
  return found;
}

/** Rewrites the JSON body of matching 2xx responses. */
export const rewriteJson =
  (matches: (path: string, method: string) => boolean, change: (body: Record<string, unknown>) => unknown) =>
  (path: string, body: string, exchange: { method: string; status: number }): string =>
    matches(path.split('?')[0] ?? path, exchange.method) && exchange.status < 300
      ? JSON.stringify(change(JSON.parse(body) as Record<string, unknown>))
      : body;

/** Paths of the provider's routes, as a proxy sees them. */
export const paths = {
  partnerOrg: (path: string) => /^\/v1\/partner-organizations\/[^/]+$/.test(path),
  capabilities: (path: string) => path.endsWith('/capabilities'),
  claims: (path: string, method: string) => path === '/v1/claims' && method === 'POST',
  endpoint: (path: string, method: string) => /^\/v1\/webhooks\/endpoints\/[^/]+$/.test(path) && method === 'GET',
  deliveries: (path: string) => path === '/v1/webhook-deliveries',
  status: (path: string) => path.endsWith('/status'),
};
