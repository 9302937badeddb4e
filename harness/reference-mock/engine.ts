import type { ServerResponse } from 'node:http';
import { createMockClock, type MockClock } from './clock.js';
import { type CredentialRegistry, createCredentialRegistry } from './credentials.js';
import { createFaultBook, type FaultBook } from './faults.js';
import { createIdempotencyStore, type IdempotencyStore } from './idempotency-store.js';
import { createRequestJournal, type RequestJournal } from './journal.js';
import type { AuthorityRule, ClaimOutcome, ResolvedReferenceMockOptions } from './options.js';
import { derivePersonas, type Personas } from './personas.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';
import { createScheduler, type Scheduler } from './scheduler.js';
import { MockStore } from './store.js';
import { createTenantBook, type TenantBook } from './tenants.js';
import { createWebhookDispatcher, type WebhookDispatcher } from './webhook-dispatcher.js';

/** Rules the control plane can change at run time. */
export interface MockRules {
  authority: AuthorityRule;
  claimOutcome: ClaimOutcome;
}

/** Everything one running mock holds. The API pipeline and the control plane both work on it. */
export interface MockEngine {
  readonly options: ResolvedReferenceMockOptions;
  readonly clock: MockClock;
  readonly scheduler: Scheduler;
  readonly personas: Personas;
  readonly credentials: CredentialRegistry;
  readonly rateLimiter: RateLimiter;
  readonly idempotency: IdempotencyStore;
  readonly journal: RequestJournal;
  readonly faults: FaultBook;
  readonly dispatcher: WebhookDispatcher;
  readonly rules: MockRules;
  /** Responses held open by `hang` faults; released (socket destroyed) on close. */
  readonly hanging: Set<ServerResponse>;
  /** Aborted on close: wakes `delay` faults. */
  readonly closing: AbortSignal;
  /** Other persona org ids: a credential naming one gets 403 partner_org_mismatch, not 404. */
  readonly knownOrgIds: ReadonlySet<string>;
  /** Isolated partner orgs made through the control plane, one per run on a shared mock. */
  readonly tenants: TenantBook;
  readonly store: MockStore;
  /** Back to the state right after start (personas and options unchanged). */
  reset(): void;
  close(): Promise<void>;
}

/** The fixed creation time of the seeded partner organizations. */
const ORG_CREATED_AT = '2026-01-01T00:00:00.000Z';

function seededStore(options: ResolvedReferenceMockOptions, personas: Personas): MockStore {
  const store = new MockStore(options.retention);
  const persona = options.environment === 'sandbox' ? personas.sandbox : personas.production;
  store.orgs.set(persona.partnerOrgId, {
    id: persona.partnerOrgId,
    name: options.environment === 'sandbox' ? 'Sandbox Partner Ltd' : 'Production Partner Ltd',
    environment: options.environment,
    createdAt: ORG_CREATED_AT,
  });
  return store;
}

/** Builds the state of a mock from resolved options. */
export function createMockEngine(options: ResolvedReferenceMockOptions): MockEngine {
  const clock = createMockClock(options.clock);
  const scheduler = createScheduler(clock.now, options.timers);
  const personas = derivePersonas(options.seed);
  const faults = createFaultBook();
  const closer = new AbortController();
  let store = seededStore(options, personas);
  const rules: MockRules = { authority: options.authority, claimOutcome: options.claimOutcome };
  const dispatcher = createWebhookDispatcher({
    clock,
    scheduler,
    faults,
    options: options.webhookDelivery,
    store: () => store,
  });
  const hanging = new Set<ServerResponse>();
  const credentials = createCredentialRegistry(personas, options.environment, options.retention.maxAccessTokens);
  const tenants = createTenantBook(credentials, options.environment, options.retention.maxTenants, (orgId) =>
    store.orgs.delete(orgId),
  );
  const engine: MockEngine = {
    options,
    clock,
    scheduler,
    personas,
    credentials,
    tenants,
    rateLimiter: createRateLimiter(options.rateLimit.limit, options.rateLimit.windowMs, clock.now),
    idempotency: createIdempotencyStore(clock.now, options.retention.maxAgeMs, options.retention.maxIdempotencyKeys),
    journal: createRequestJournal(options.journalCapacity),
    faults,
    dispatcher,
    rules,
    hanging,
    closing: closer.signal,
    knownOrgIds: new Set([personas.sandbox.partnerOrgId, personas.production.partnerOrgId]),
    get store() {
      return store;
    },
    reset() {
      scheduler.clear();
      dispatcher.reset();
      clock.resetOffset();
      store = seededStore(options, personas);
      for (const org of tenants.orgs()) store.orgs.set(org.id, org); // tenants keep their org, not their state
      engine.credentials.clearTokens();
      engine.credentials.resetKeys();
      engine.rateLimiter.clear();
      engine.idempotency.clear();
      engine.journal.clear();
      faults.clear();
      rules.authority = options.authority;
      rules.claimOutcome = options.claimOutcome;
    },
    async close() {
      closer.abort();
      scheduler.clear();
      for (const res of hanging) res.socket?.destroy();
      hanging.clear();
      await dispatcher.close();
    },
  };
  return engine;
}
