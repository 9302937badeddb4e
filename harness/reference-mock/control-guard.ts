import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { headerValue, mediaType } from './http-io.js';

/** Why the control plane refused a request before running it; codes are the control plane's own. */
export class ControlRefusal extends Error {
  override readonly name = 'ControlRefusal' as const;
  constructor(
    readonly code:
      | 'control_token_missing'
      | 'control_token_invalid'
      | 'control_host_refused'
      | 'control_origin_refused',
    readonly status: 401 | 403 | 415,
    message: string,
  ) {
    super(message);
  }
}

export interface ControlGuardOptions {
  /** The address the server listens on, as configured (`127.0.0.1`, `::1`, `0.0.0.0`, `localhost`). */
  readonly host: string;
  /** Required as `Authorization: Bearer <token>` when set. */
  readonly token: string | null;
}

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const digest = (value: string) => createHash('sha256').update(value).digest();

/** The Host values a request may carry for a server on `host`: the address itself, and loopback names on loopback. */
export function allowedHostHeaders(host: string, port: number, loopback: boolean): Set<string> {
  const bare = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  const spelled = bare.includes(':') ? `[${bare}]` : bare;
  const names = loopback ? [spelled, ...LOOPBACK_NAMES] : [spelled];
  return new Set(names.map((name) => `${name}:${port}`));
}

/**
 * Checks a control-plane request, throwing ControlRefusal: the Host must name the listening address
 * (DNS rebinding), a browser's cross-origin request is refused (Origin or Sec-Fetch-Site, and writes
 * must be JSON, which a page cannot send without a preflight), then the token when one is set.
 * A wildcard listener cannot name its address: there the token is the guard.
 */
export function createControlGuard(options: ControlGuardOptions, isLoopback: boolean) {
  const expectedToken = options.token === null ? null : digest(options.token);
  const wildcard = WILDCARDS.has(options.host.toLowerCase());
  let allowed: Set<string> | null = null;
  return (req: IncomingMessage): void => {
    const host = (headerValue(req.headers, 'host') ?? '').toLowerCase();
    if (!wildcard) {
      allowed ??= allowedHostHeaders(options.host, req.socket.localPort ?? 0, isLoopback);
      if (!allowed.has(host))
        throw new ControlRefusal(
          'control_host_refused',
          403,
          `The control plane answers only requests addressed to ${[...allowed].join(' or ')}, not Host "${host.slice(0, 80)}". Use the mock's own URL.`,
        );
    }
    const origin = headerValue(req.headers, 'origin');
    const site = headerValue(req.headers, 'sec-fetch-site');
    if (
      (origin !== null && origin.toLowerCase() !== `http://${host}`) ||
      (site !== null && site !== 'same-origin' && site !== 'none')
    )
      throw new ControlRefusal(
        'control_origin_refused',
        403,
        'The control plane refuses requests from web pages of other origins. Call it from a test or the control client, not a browser.',
      );
    const method = req.method ?? 'GET';
    const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
    const type = mediaType(req.headers);
    if (method !== 'GET' && method !== 'HEAD' && (type !== null || hasBody) && type !== 'application/json')
      throw new ControlRefusal(
        'control_origin_refused',
        415,
        'Control-plane writes take application/json bodies (or none). Send Content-Type: application/json.',
      );
    if (expectedToken === null) return;
    const authorization = headerValue(req.headers, 'authorization');
    if (authorization === null || !authorization.startsWith('Bearer '))
      throw new ControlRefusal(
        'control_token_missing',
        401,
        'This mock requires its control token: send "Authorization: Bearer <token>" (the control client reads DUTYCLAIMS_MOCK_CONTROL_TOKEN).',
      );
    if (!timingSafeEqual(digest(authorization.slice('Bearer '.length)), expectedToken))
      throw new ControlRefusal(
        'control_token_invalid',
        401,
        'The control token is wrong. Use the token the mock was started with (DUTYCLAIMS_MOCK_CONTROL_TOKEN).',
      );
  };
}
