import type { JournalEntry } from '../reference-mock/index.js';
import { ObserveError } from './errors.js';
import type { ProxyFaultSpec } from './fault-schedule.js';

/** The environment the partner declares it is observing; the upstream must report the same. */
export type ObserveTarget = 'sandbox' | 'production';

/** What a caller passes to startObserveProxy; everything but `upstream` has a default. */
export interface ObserveProxyOptions {
  /** The provider's base URL, e.g. https://sandbox.api.dutyclaims.example (a path prefix is kept). */
  readonly upstream: string;
  readonly port?: number | undefined;
  /** Where to listen; loopback only unless `allowNonLoopbackHost`. */
  readonly host?: string | undefined;
  readonly allowNonLoopbackHost?: boolean | undefined;
  /** The environment the upstream must report (DutyClaims-Environment); default sandbox. */
  readonly target?: ObserveTarget | undefined;
  /** Faults to inject, in order; never on production. */
  readonly faults?: readonly ProxyFaultSpec[] | undefined;
  /** On production, forward writes too (default: only reads are forwarded). */
  readonly allowProductionWrites?: boolean | undefined;
  /** The most exchanges the journal keeps (oldest dropped first). */
  readonly journalCapacity?: number | undefined;
  /** How many bytes of a response body the proxy reads for the journal (error code, page, environment). */
  readonly captureBytes?: number | undefined;
  /** How long the environment probe of the upstream may take. */
  readonly probeTimeoutMs?: number | undefined;
}

export interface ResolvedObserveProxyOptions {
  readonly upstream: URL;
  readonly port: number;
  readonly host: string;
  readonly allowNonLoopbackHost: boolean;
  readonly target: ObserveTarget;
  readonly faults: readonly ProxyFaultSpec[];
  readonly allowProductionWrites: boolean;
  readonly journalCapacity: number;
  readonly captureBytes: number;
  readonly probeTimeoutMs: number;
}

/** Every default of the proxy, in one place. */
export const DEFAULT_OBSERVE_PROXY_OPTIONS: Omit<ResolvedObserveProxyOptions, 'upstream'> = {
  port: 4020,
  host: '127.0.0.1',
  allowNonLoopbackHost: false,
  target: 'sandbox',
  faults: [],
  allowProductionWrites: false,
  journalCapacity: 10_000,
  captureBytes: 64 * 1024,
  probeTimeoutMs: 10_000,
};

const fail = (message: string): never => {
  throw new ObserveError('OBSERVE_ERR_OPTIONS', message);
};

function upstreamUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail(`--upstream "${value}" is not a URL: give the provider's base URL, e.g. https://sandbox.example.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail(`--upstream must be http(s), got ${url.protocol}`);
  if (url.username || url.password || url.search || url.hash)
    fail('--upstream must not carry credentials, a query or a fragment: give the bare base URL.');
  return url;
}

const positive = (name: string, value: number | undefined, fallback: number) => {
  const resolved = value ?? fallback;
  if (!Number.isInteger(resolved) || resolved < 1) fail(`${name} must be a positive integer, got ${resolved}.`);
  return resolved;
};

/** Resolves the proxy's options once, with the defaults; never mutates the caller's object. */
export function resolveObserveProxyOptions(options: ObserveProxyOptions): ResolvedObserveProxyOptions {
  const d = DEFAULT_OBSERVE_PROXY_OPTIONS;
  const port = options.port ?? d.port;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(`--port must be 0-65535, got ${port}.`);
  const target = options.target ?? d.target;
  const faults = [...(options.faults ?? d.faults)];
  const resolved: ResolvedObserveProxyOptions = {
    upstream: upstreamUrl(options.upstream),
    port,
    host: options.host ?? d.host,
    allowNonLoopbackHost: options.allowNonLoopbackHost ?? d.allowNonLoopbackHost,
    target,
    faults,
    allowProductionWrites: options.allowProductionWrites ?? d.allowProductionWrites,
    journalCapacity: positive('journalCapacity', options.journalCapacity, d.journalCapacity),
    captureBytes: positive('captureBytes', options.captureBytes, d.captureBytes),
    probeTimeoutMs: positive('probeTimeoutMs', options.probeTimeoutMs, d.probeTimeoutMs),
  };
  if (target === 'production' && faults.length > 0)
    throw new ObserveError(
      'OBSERVE_ERR_PRODUCTION_GUARD',
      'Faults are never injected into production traffic: drop --faults, or observe sandbox (--target sandbox).',
    );
  return resolved;
}

/** A journal entry is a write when its method changes state. */
export const isWrite = (entry: Pick<JournalEntry, 'method'>): boolean =>
  !['GET', 'HEAD', 'OPTIONS'].includes(entry.method.toUpperCase());
