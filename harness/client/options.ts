import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import { CONTRACT_PIN } from '../contract/pin.js';
import type { Environment } from '../contract/schemas/common.js';
import { assertCredentialEnvironment, type Credential, resolveCredential } from './credentials.js';
import { ClientConfigurationError } from './errors.js';
import type { CallRecord, RawResponse } from './metadata.js';
import type { RetryOptions } from './retry.js';

/** Per-phase time limits, in milliseconds. */
export interface TimeoutOptions {
  /** TCP connect, enforced by the Agent the client owns (a caller's `dispatcher` enforces its own). */
  readonly connectMs: number;
  /** From sending the request to receiving the response headers, per attempt (undici checks it to within ~1 s). */
  readonly headersMs: number;
  /** Longest pause between two chunks of the response body, per attempt (undici checks it to within ~1 s). */
  readonly bodyMs: number;
  /** Deadline of the whole logical call: every attempt, every backoff wait and any OAuth token request it waits for. */
  readonly totalMs: number;
}

/** What the caller passes to `createDutyClaimsClient`. Everything but `baseUrl` has a default. */
export interface ClientOptions {
  /** The API origin, optionally with a path prefix, e.g. `https://sandbox.api.dutyclaims.example`. */
  readonly baseUrl: string;
  /** Omit it to call only unauthenticated routes (or to see `credential_missing`). */
  readonly credential?: Credential;
  /** When given, a credential of the wrong shape for it is refused at construction. */
  readonly environment?: Environment;
  readonly timeouts?: Partial<TimeoutOptions>;
  readonly retry?: Partial<RetryOptions>;
  /** Makes the `X-Correlation-Id` of each logical call. */
  readonly correlationId?: () => string;
  /** Makes the `Idempotency-Key` of a write whose caller gave none. */
  readonly idempotencyKey?: () => string;
  /** The undici dispatcher to send through. The caller owns it: `close()` leaves it open. */
  readonly dispatcher?: Dispatcher;
  /** A number in [0, 1); the backoff jitter. */
  readonly random?: () => number;
  /** Waits between attempts. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly userAgent?: string;
  /**
   * Called once per logical call, success or failure, with its metadata. An OAuth token request the client
   * makes is a logical call of its own (`createOAuthToken`), reported before the call that waited for it;
   * when the token request fails, that call is reported too, failed with the token failure's class and
   * code, its own metadata and the token error as `cause`. Only a call whose deadline passes while it
   * waits on a token request another call started is reported before that token request.
   * An exception it throws rejects the call it reports, and any call waiting for that token, unchanged.
   */
  readonly onCall?: (record: CallRecord) => void;
  /**
   * Called with every response as it arrived (each attempt, OAuth token responses included), before
   * parsing: for audits a schema would hide, such as a secret the provider should not have returned.
   * It may hold secrets: never log it. An exception it throws rejects the call.
   */
  readonly onResponse?: (response: RawResponse) => void;
}

/** The options the client runs with: every default applied, validated, frozen. */
export interface ResolvedClientOptions {
  readonly baseUrl: string;
  readonly credential: Credential | null;
  readonly environment: Environment | null;
  readonly timeouts: TimeoutOptions;
  readonly retry: RetryOptions;
  readonly correlationId: () => string;
  readonly idempotencyKey: () => string;
  readonly dispatcher: Dispatcher | null;
  readonly random: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly userAgent: string;
  readonly onCall: ((record: CallRecord) => void) | null;
  readonly onResponse: ((response: RawResponse) => void) | null;
}

/** Every default of the client, in one place. */
export const DEFAULT_CLIENT_OPTIONS = Object.freeze({
  timeouts: Object.freeze({ connectMs: 10_000, headersMs: 30_000, bodyMs: 30_000, totalMs: 60_000 }),
  retry: Object.freeze({ maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 10_000, maxRetryAfterMs: 60_000 }),
  correlationId: (): string => `corr_${randomUUID()}`,
  idempotencyKey: (): string => randomUUID(),
  random: Math.random,
  sleep: (ms: number): Promise<void> => delay(ms),
  userAgent: `dutyclaims-launch-harness (contract ${CONTRACT_PIN.version}; ${CONTRACT_PIN.hash})`,
}) satisfies Omit<
  ResolvedClientOptions,
  'baseUrl' | 'credential' | 'environment' | 'dispatcher' | 'onCall' | 'onResponse'
>;

function resolveBaseUrl(baseUrl: unknown): string {
  let url: URL;
  try {
    url = new URL(String(baseUrl));
  } catch {
    throw new ClientConfigurationError(
      'baseUrl',
      `baseUrl must be an absolute http(s) URL, got ${JSON.stringify(baseUrl)}.`,
    );
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username) {
    throw new ClientConfigurationError(
      'baseUrl',
      `baseUrl must be an http(s) origin with an optional path and no query, fragment or credentials, got ${url.origin}${url.pathname}.`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Caller values over defaults, skipping keys the caller set to undefined. */
function merge<T extends object>(defaults: T, given: Partial<T> | undefined): T {
  const merged = { ...defaults };
  for (const [key, value] of Object.entries(given ?? {})) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return Object.freeze(merged);
}

function checkNumbers(group: string, values: object, min: Readonly<Record<string, number>>): void {
  for (const [key, value] of Object.entries(values)) {
    const floor = min[key] ?? 0;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < floor) {
      throw new ClientConfigurationError(`${group}.${key}`, `${group}.${key} must be a finite number >= ${floor}.`);
    }
  }
}

function checkFunction(option: string, value: unknown): void {
  if (typeof value !== 'function') throw new ClientConfigurationError(option, `${option} must be a function.`);
}

/** Applies the defaults to the caller's options and validates them; never mutates the input. */
export function resolveClientOptions(options: ClientOptions): ResolvedClientOptions {
  if (typeof options !== 'object' || options === null) {
    throw new ClientConfigurationError(
      'options',
      'createDutyClaimsClient needs an options object with at least baseUrl.',
    );
  }
  const defaults = DEFAULT_CLIENT_OPTIONS;
  const timeouts = merge<TimeoutOptions>(defaults.timeouts, options.timeouts);
  const retry = merge<RetryOptions>(defaults.retry, options.retry);
  checkNumbers('timeouts', timeouts, { connectMs: 1, headersMs: 1, bodyMs: 1, totalMs: 1 });
  checkNumbers('retry', retry, { maxAttempts: 1 });
  if (!Number.isInteger(retry.maxAttempts)) {
    throw new ClientConfigurationError('retry.maxAttempts', 'retry.maxAttempts must be an integer >= 1.');
  }
  if (options.environment !== undefined && options.environment !== 'sandbox' && options.environment !== 'production') {
    throw new ClientConfigurationError('environment', "environment must be 'sandbox' or 'production' when given.");
  }
  const credential = resolveCredential(options.credential);
  assertCredentialEnvironment(credential, options.environment);

  const resolved: ResolvedClientOptions = {
    baseUrl: resolveBaseUrl(options.baseUrl),
    credential,
    environment: options.environment ?? null,
    timeouts,
    retry,
    correlationId: options.correlationId ?? defaults.correlationId,
    idempotencyKey: options.idempotencyKey ?? defaults.idempotencyKey,
    dispatcher: options.dispatcher ?? null,
    random: options.random ?? defaults.random,
    sleep: options.sleep ?? defaults.sleep,
    userAgent: options.userAgent ?? defaults.userAgent,
    onCall: options.onCall ?? null,
    onResponse: options.onResponse ?? null,
  };
  for (const name of ['correlationId', 'idempotencyKey', 'random', 'sleep'] as const)
    checkFunction(name, resolved[name]);
  if (resolved.onCall !== null) checkFunction('onCall', resolved.onCall);
  if (resolved.onResponse !== null) checkFunction('onResponse', resolved.onResponse);
  if (!/^[\x20-\x7e]+$/.test(resolved.userAgent)) {
    throw new ClientConfigurationError('userAgent', 'userAgent must be non-empty printable ASCII.');
  }
  return Object.freeze(resolved);
}
