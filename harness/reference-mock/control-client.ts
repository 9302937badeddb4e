import type { z } from 'zod';
import type { Agent } from '../http/undici.js';
import { ControlPaths } from './control-paths.js';
import type { ClockState } from './control-schemas.js';
import { ReferenceMockError } from './errors.js';
import type { FaultSpec, InjectedFault } from './faults.js';
import type { JournalEntry } from './journal.js';
import type { AuthorityRule, ClaimOutcome } from './options.js';
import type { Personas } from './personas.js';
import type { Tenant } from './tenants.js';

/** Typed wrapper over the `/_mock/` control plane. HTTP only, so it drives a mock in a container too. */
export interface ReferenceMockControl {
  readonly baseUrl: string;
  /** Makes the next `count` matching API responses (or deliveries) misbehave. */
  injectFault(fault: FaultSpec): Promise<InjectedFault>;
  clearFaults(): Promise<void>;
  /** API requests seen so far, oldest first. */
  journal(): Promise<JournalEntry[]>;
  clearJournal(): Promise<void>;
  /** Moves the mock clock forward and runs everything now due, waiting for the webhook attempts it starts. */
  advanceClock(ms: number): Promise<ClockState>;
  setAuthorityRule(rule: AuthorityRule): Promise<void>;
  setClaimOutcome(outcome: ClaimOutcome): Promise<void>;
  /** Forgets all resources, faults, journal, rate limits and clock advances; personas stay. */
  reset(): Promise<void>;
  personas(): Promise<Personas>;
  /**
   * A partner org of its own (credentials, rate buckets, resources) for one run on a shared mock; the
   * seeded personas stay for manual use. The mock keeps the newest `retention.maxTenants`.
   */
  createTenant(): Promise<Tenant>;
  /** Releases this wrapper's connections. */
  close(): Promise<void>;
}

export interface ReferenceMockControlOptions {
  /** Real-time budget of one control call; advancing the clock waits for webhook attempts. Default 30 000. */
  readonly timeoutMs?: number;
  /** The mock's control token; default: the DUTYCLAIMS_MOCK_CONTROL_TOKEN environment variable, if set. */
  readonly token?: string;
}

/** Where a control client finds the token of a mock it attaches to, when not given one. */
export const CONTROL_TOKEN_ENV = 'DUTYCLAIMS_MOCK_CONTROL_TOKEN';

/** Creates a control-plane client for the mock at `baseUrl`. */
export function createReferenceMockControl(
  baseUrl: string,
  options: ReferenceMockControlOptions = {},
): ReferenceMockControl {
  const base = baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 30_000;
  const token = options.token ?? (process.env[CONTROL_TOKEN_ENV] || undefined);
  const auth: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
  // Its own dispatcher: interceptors installed on the global one (nock) never swallow control calls.
  // undici loads with the first call, so importing the mock costs nothing for it.
  let agent: Agent | undefined;
  const undici = async () => {
    const loaded = await import('../http/undici.js');
    agent ??= new loaded.Agent({ keepAliveTimeout: 1000 });
    return { request: loaded.request, agent };
  };

  const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<unknown> => {
    const { request, agent: dispatcher } = await undici();
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await request(`${base}${path}`, {
        method,
        dispatcher,
        headers: body === undefined ? auth : { ...auth, 'content-type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
    } catch (cause) {
      throw new ReferenceMockError(
        'MOCK_ERR_CONTROL_NETWORK',
        `Could not reach the reference mock control plane at ${base}${path}. Check that the mock is running and the URL is right.`,
        { cause },
      );
    }
    const text = await response.body.text();
    if (response.statusCode >= 400) {
      const error = safeJson(text) as { error?: { message?: string; details?: { field: string; reason: string }[] } };
      throw new ReferenceMockError(
        'MOCK_ERR_CONTROL',
        `${method} ${path} failed with ${response.statusCode}: ${error?.error?.message ?? text.slice(0, 200)}`,
        { status: response.statusCode, details: error?.error?.details ?? [] },
      );
    }
    return text === '' ? null : safeJson(text);
  };
  const typed = <S extends z.ZodType>(schema: S, value: unknown): z.output<S> => schema.parse(value);

  return {
    baseUrl: base,
    injectFault: async (fault) => ((await call('POST', ControlPaths.faults, fault)) as { fault: InjectedFault }).fault,
    clearFaults: async () => void (await call('DELETE', ControlPaths.faults)),
    journal: async () => ((await call('GET', ControlPaths.journal)) as { entries: JournalEntry[] }).entries,
    clearJournal: async () => void (await call('DELETE', ControlPaths.journal)),
    advanceClock: async (ms) => {
      const state = await call('POST', ControlPaths.clockAdvance, { ms });
      // The schema (zod) loads with the first call, as undici does, so importing the mock stays cheap.
      return typed((await import('./control-schemas.js')).ClockStateSchema, state);
    },
    setAuthorityRule: async (rule) => void (await call('PUT', ControlPaths.authorityRule, rule)),
    setClaimOutcome: async (outcome) => void (await call('PUT', ControlPaths.claimOutcomeRule, { outcome })),
    reset: async () => void (await call('POST', ControlPaths.reset)),
    personas: async () => (await call('GET', ControlPaths.personas)) as Personas,
    createTenant: async () => (await call('POST', ControlPaths.tenants)) as Tenant,
    close: async () => agent?.close(),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
