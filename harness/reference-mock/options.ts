// Zod-free on purpose: importing ./reference-mock must stay cheap (options-check.ts says why).
import { CONTRACT_PIN } from '../contract/pin.js';
import { ROUTE_NAMES } from '../contract/route-names.js';
import type { RouteName } from '../contract/routes.js';
import { ReferenceMockError } from './errors.js';
import { isLoopbackHost } from './loopback.js';
import { checkOptionsShape } from './options-check.js';

export type MockEnvironment = 'sandbox' | 'production';

/** When a new client's authority becomes `granted`. */
export type AuthorityRule =
  | { readonly mode: 'immediate' }
  | { readonly mode: 'after'; readonly afterMs: number }
  | { readonly mode: 'never' };

export type ClaimOutcome = 'accepted' | 'rejected';

/** Mock-clock offsets, from creation, of each claim status change. */
export interface ClaimTimeline {
  readonly validatingAfterMs: number;
  readonly submittedAfterMs: number;
  readonly decidedAfterMs: number;
}

/** A fixed window per credential, on the mock clock. */
export interface RateLimitOptions {
  readonly limit: number;
  readonly windowMs: number;
}

export interface WebhookDeliveryOptions {
  /** Real-time budget of one delivery attempt (connect, headers and body). */
  readonly timeoutMs: number;
  /** Mock-clock delay before retry n is `retryBaseMs * 2^(n-1)`. */
  readonly retryBaseMs: number;
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** Deliver to hosts other than 127.0.0.1/::1/localhost. Off: this machine may only reach loopback. */
  readonly allowNonLoopback: boolean;
  /**
   * The clock of the signature's `t=`. `mock` (default): the mock clock, so after `advanceClock` a
   * receiver checking against real time rejects the delivery as too old or in the future, unless it
   * follows the mock clock. `real`: the machine's clock, for receivers on real time; retries and
   * timelines still run on the mock clock.
   */
  readonly signingClock: 'mock' | 'real';
}

/**
 * How long the mock waits on a client and how many it serves at once. A test server answers in
 * milliseconds, so a client that is silent or trickles for seconds has stalled: cutting it off frees
 * its socket and any Idempotency-Key it reserved.
 */
export interface ConnectionLimits {
  /** Real-time budget for the request line and headers. */
  readonly headersTimeoutMs: number;
  /** Real-time budget for the whole request, body included (408 after it). */
  readonly requestTimeoutMs: number;
  /** A connection with no bytes in either direction for this long is closed (fault-injected waits excepted). */
  readonly idleTimeoutMs: number;
  /** How long an idle keep-alive connection stays open between requests. */
  readonly keepAliveTimeoutMs: number;
  /** Open connections at once; further ones are closed on arrival. */
  readonly maxConnections: number;
}

/**
 * How much state the mock keeps, so a mock shared by a CI fleet for days stays flat in memory. A record
 * goes once its store is over the count (oldest first) or once it is older than `maxAgeMs` of mock time.
 */
export interface RetentionLimits {
  /** Mock-clock age after which clients, claims, endpoints, deliveries and idempotency keys are forgotten. */
  readonly maxAgeMs: number;
  readonly maxClients: number;
  readonly maxClaims: number;
  readonly maxEndpoints: number;
  readonly maxDeliveries: number;
  /** Issued OAuth access tokens kept (expired ones go first). */
  readonly maxAccessTokens: number;
  /** Completed Idempotency-Keys kept (their replay window is also `maxAgeMs`). */
  readonly maxIdempotencyKeys: number;
  /** Run tenants (POST /_mock/tenants) kept; beyond it the oldest is retired and its keys stop working. */
  readonly maxTenants: number;
}

/** A deliberately non-conforming provider, so tests can prove that contract checks fail. */
export interface ReferenceMockDeviations {
  /** Header names (any case) removed from every API response. */
  readonly dropResponseHeaders?: readonly string[];
  /** Top-level fields removed from a route's success body. */
  readonly dropBodyFields?: Partial<Record<RouteName, readonly string[]>>;
}

/** What a caller may pass to `startReferenceMock`; every field has a default. */
export interface ReferenceMockOptions {
  /** Address to listen on; a non-loopback one is refused unless `allowNonLoopbackHost` is set. */
  readonly host?: string;
  /**
   * Listen on a `host` other machines can reach (e.g. `0.0.0.0` behind a published container port).
   * Off by default: the control plane serves the full seeded credentials (and needs `controlToken` there).
   */
  readonly allowNonLoopbackHost?: boolean;
  readonly port?: number;
  /**
   * Token the control plane (`/_mock/`) requires as `Authorization: Bearer <token>` (at least 16
   * characters). Optional on loopback; required on any other host unless `allowUnauthenticatedControl`.
   */
  readonly controlToken?: string;
  /** Let a mock on a non-loopback host run its control plane without a token. Default false. */
  readonly allowUnauthenticatedControl?: boolean;
  /** Personas (org ids, keys, OAuth client) are derived from it: same seed, same credentials. */
  readonly seed?: string;
  readonly environment?: MockEnvironment;
  /** Epoch milliseconds. Injecting one switches `timers` to `manual` unless given. */
  readonly clock?: () => number;
  /** `real`: timeline offsets fire on real timers too. `manual`: only `advanceClock` and requests move it. */
  readonly timers?: 'real' | 'manual';
  readonly timeline?: Partial<ClaimTimeline>;
  readonly authority?: AuthorityRule;
  readonly claimOutcome?: ClaimOutcome;
  readonly rateLimit?: Partial<RateLimitOptions>;
  readonly webhookDelivery?: Partial<WebhookDeliveryOptions>;
  readonly maxBodyBytes?: number;
  /** Served in `DutyClaims-Contract-Hash` and the partner organization; simulates another contract. */
  readonly contractHash?: string;
  readonly deviations?: ReferenceMockDeviations;
  /** Entries kept in the request journal ring. */
  readonly journalCapacity?: number;
  readonly connections?: Partial<ConnectionLimits>;
  readonly retention?: Partial<RetentionLimits>;
}

/** Options with every default applied; what the mock uses. */
export interface ResolvedReferenceMockOptions {
  readonly host: string;
  readonly allowNonLoopbackHost: boolean;
  readonly port: number;
  readonly controlToken: string | null;
  readonly allowUnauthenticatedControl: boolean;
  readonly seed: string;
  readonly environment: MockEnvironment;
  readonly clock: () => number;
  readonly timers: 'real' | 'manual';
  readonly timeline: ClaimTimeline;
  readonly authority: AuthorityRule;
  readonly claimOutcome: ClaimOutcome;
  readonly rateLimit: RateLimitOptions;
  readonly webhookDelivery: WebhookDeliveryOptions;
  readonly maxBodyBytes: number;
  readonly contractHash: string;
  readonly deviations: {
    readonly dropResponseHeaders: readonly string[];
    readonly dropBodyFields: Partial<Record<RouteName, readonly string[]>>;
  };
  readonly journalCapacity: number;
  readonly connections: ConnectionLimits;
  readonly retention: RetentionLimits;
}

/** Every default of the reference mock, in one place. */
export const DEFAULT_REFERENCE_MOCK_OPTIONS: ResolvedReferenceMockOptions = {
  host: '127.0.0.1',
  allowNonLoopbackHost: false,
  port: 0,
  controlToken: null,
  allowUnauthenticatedControl: false,
  seed: 'dutyclaims-reference-mock',
  environment: 'sandbox',
  clock: Date.now,
  timers: 'real',
  timeline: { validatingAfterMs: 20, submittedAfterMs: 40, decidedAfterMs: 60 },
  authority: { mode: 'immediate' },
  claimOutcome: 'accepted',
  rateLimit: { limit: 1000, windowMs: 60_000 },
  webhookDelivery: {
    timeoutMs: 5000,
    retryBaseMs: 1000,
    maxAttempts: 5,
    allowNonLoopback: false,
    signingClock: 'mock',
  },
  maxBodyBytes: 64 * 1024,
  contractHash: CONTRACT_PIN.hash,
  deviations: { dropResponseHeaders: [], dropBodyFields: {} },
  journalCapacity: 10_000,
  connections: {
    headersTimeoutMs: 10_000,
    requestTimeoutMs: 30_000,
    idleTimeoutMs: 30_000,
    keepAliveTimeoutMs: 5000,
    maxConnections: 1024,
  },
  retention: {
    maxAgeMs: 24 * 60 * 60 * 1000,
    maxClients: 5000,
    maxClaims: 5000,
    maxEndpoints: 1000,
    maxDeliveries: 5000,
    maxAccessTokens: 5000,
    maxIdempotencyKeys: 5000,
    maxTenants: 1000,
  },
};

/** Applies the defaults to caller options without touching them; throws ReferenceMockError on invalid ones. */
export function resolveReferenceMockOptions(options: ReferenceMockOptions = {}): ResolvedReferenceMockOptions {
  const details = checkOptionsShape(options);
  if (details.length > 0)
    throw new ReferenceMockError(
      'MOCK_ERR_OPTIONS',
      `Invalid reference mock options: ${details.map((d) => `${d.field}: ${d.reason}`).join('; ')}. Fix them and start again.`,
      { details },
    );
  const given: ReferenceMockOptions = options;
  const defaults = DEFAULT_REFERENCE_MOCK_OPTIONS;
  const host = given.host ?? defaults.host;
  const allowNonLoopbackHost = given.allowNonLoopbackHost ?? defaults.allowNonLoopbackHost;
  if (!allowNonLoopbackHost && !isLoopbackHost(host))
    throw new ReferenceMockError(
      'MOCK_ERR_OPTIONS',
      `The reference mock will not listen on "${host}": it is not a loopback address, and the mock's control plane (/_mock/) has no authentication unless given a control token, and serves the full seeded credentials at GET /_mock/personas. Listen on 127.0.0.1 (the default), or, if other machines must reach it (e.g. a published container port), opt in with allowNonLoopbackHost: true (CLI: --allow-non-loopback-host; container: DUTYCLAIMS_MOCK_ALLOW_NON_LOOPBACK_HOST=1).`,
      { details: [{ field: 'host', reason: 'not a loopback address; set allowNonLoopbackHost to listen on it' }] },
    );
  const controlToken = given.controlToken ?? defaults.controlToken;
  const allowUnauthenticatedControl = given.allowUnauthenticatedControl ?? defaults.allowUnauthenticatedControl;
  if (!isLoopbackHost(host) && controlToken === null && !allowUnauthenticatedControl)
    throw new ReferenceMockError(
      'MOCK_ERR_OPTIONS',
      `The reference mock will not listen on "${host}" without a control token: anyone who can reach it could reset it, inject faults and read the seeded credentials at GET /_mock/personas. Set controlToken (CLI: --control-token or DUTYCLAIMS_MOCK_CONTROL_TOKEN; container: DUTYCLAIMS_MOCK_CONTROL_TOKEN), or opt out with allowUnauthenticatedControl: true (container: DUTYCLAIMS_MOCK_ALLOW_UNAUTHENTICATED_CONTROL=1).`,
      { details: [{ field: 'controlToken', reason: 'required on a non-loopback host' }] },
    );
  const timeline = withDefaults(defaults.timeline, given.timeline);
  if (
    !(timeline.validatingAfterMs <= timeline.submittedAfterMs && timeline.submittedAfterMs <= timeline.decidedAfterMs)
  )
    throw new ReferenceMockError(
      'MOCK_ERR_OPTIONS',
      'Invalid reference mock options: timeline offsets must not decrease (validating <= submitted <= decided).',
      { details: [{ field: 'timeline', reason: 'offsets must not decrease' }] },
    );
  const connections = withDefaults(defaults.connections, given.connections);
  if (connections.headersTimeoutMs > connections.requestTimeoutMs)
    throw new ReferenceMockError(
      'MOCK_ERR_OPTIONS',
      'Invalid reference mock options: connections.headersTimeoutMs must not exceed connections.requestTimeoutMs (the headers are part of the request).',
      { details: [{ field: 'connections.headersTimeoutMs', reason: 'greater than requestTimeoutMs' }] },
    );
  const dropBodyFields: Partial<Record<RouteName, readonly string[]>> = {};
  for (const name of ROUTE_NAMES) {
    const fields = given.deviations?.dropBodyFields?.[name];
    if (fields) dropBodyFields[name] = [...fields];
  }
  return {
    host,
    allowNonLoopbackHost,
    port: given.port ?? defaults.port,
    controlToken,
    allowUnauthenticatedControl,
    seed: given.seed ?? defaults.seed,
    environment: given.environment ?? defaults.environment,
    clock: given.clock ?? defaults.clock,
    timers: given.timers ?? (given.clock === undefined ? 'real' : 'manual'),
    timeline,
    authority: given.authority ? copyAuthority(given.authority) : defaults.authority,
    claimOutcome: given.claimOutcome ?? defaults.claimOutcome,
    rateLimit: withDefaults(defaults.rateLimit, given.rateLimit),
    webhookDelivery: withDefaults(defaults.webhookDelivery, given.webhookDelivery),
    maxBodyBytes: given.maxBodyBytes ?? defaults.maxBodyBytes,
    contractHash: given.contractHash ?? defaults.contractHash,
    deviations: {
      dropResponseHeaders: [...(given.deviations?.dropResponseHeaders ?? [])],
      dropBodyFields,
    },
    journalCapacity: given.journalCapacity ?? defaults.journalCapacity,
    connections,
    retention: withDefaults(defaults.retention, given.retention),
  };
}

/**
 * A copy of `defaults` overridden by the fields of `given` that are defined (an explicit undefined keeps the
 * default); fields `defaults` does not have are left out.
 */
function withDefaults<T extends object>(
  defaults: T,
  given: { readonly [K in keyof T]?: T[K] | undefined } | undefined,
): T {
  const out = { ...defaults };
  if (given)
    for (const key of Object.keys(defaults) as (keyof T)[])
      if (given[key] !== undefined) out[key] = given[key] as T[keyof T];
  return out;
}

/** The rule alone, without any other field the caller's object carries. */
const copyAuthority = (rule: AuthorityRule): AuthorityRule =>
  rule.mode === 'after' ? { mode: 'after', afterMs: rule.afterMs } : { mode: rule.mode };
