import type { Dispatcher } from 'undici';
import { Headers } from '../contract/index.js';
import { request } from '../http/undici.js';
import { ObserveError } from './errors.js';
import type { ObserveTarget } from './options.js';

/** The upstream as the proxy found it before accepting traffic. */
export interface UpstreamInfo {
  readonly baseUrl: string;
  readonly host: string;
  /** What the provider reported in DutyClaims-Environment. */
  readonly environment: string;
  /** What the provider reported in DutyClaims-Contract-Hash, or null when it sent none. */
  readonly contractHash: string | null;
}

/** The upstream URL of a request path: the base URL's own path prefix is kept. */
export const upstreamPath = (base: URL, pathAndQuery: string): string =>
  `${base.pathname.replace(/\/$/, '')}${pathAndQuery}`;

const single = (value: string | string[] | undefined): string | null =>
  value === undefined ? null : Array.isArray(value) ? (value[0] ?? null) : value;

/**
 * Asks the upstream which environment it is (the DutyClaims-Environment header every answer carries,
 * read from GET /health, which needs no credential) and refuses one other than the declared target:
 * a partner who meant sandbox must never send its flow, let alone faults, to production.
 */
export async function probeUpstream(
  base: URL,
  target: ObserveTarget,
  dispatcher: Dispatcher,
  timeoutMs: number,
): Promise<UpstreamInfo> {
  let headers: Record<string, string | string[] | undefined>;
  try {
    const response = await request(new URL(upstreamPath(base, '/health'), base.origin), {
      dispatcher,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    headers = response.headers;
    await response.body.dump();
  } catch (error) {
    throw new ObserveError(
      'OBSERVE_ERR_UPSTREAM_UNREACHABLE',
      `Cannot reach the upstream ${base.origin} (${(error as { code?: string }).code ?? (error as Error).message}): check --upstream and that this machine can reach it.`,
    );
  }
  const environment = single(headers[Headers.environment.toLowerCase()]);
  if (environment === null)
    throw new ObserveError(
      'OBSERVE_ERR_UPSTREAM_ENVIRONMENT',
      `The upstream ${base.origin} did not say which environment it is (no ${Headers.environment} header on GET /health): point --upstream at a DutyClaims API host.`,
    );
  if (environment !== target)
    throw new ObserveError(
      'OBSERVE_ERR_UPSTREAM_ENVIRONMENT',
      `The upstream ${base.origin} reports environment "${environment}", but --target is ${target}: point --upstream at the ${target} host, or declare --target ${environment} if that is really what you mean to observe.`,
    );
  return {
    baseUrl: base.href.replace(/\/$/, ''),
    host: base.host,
    environment,
    contractHash: single(headers[Headers.contractHash.toLowerCase()]),
  };
}
