// undici as the harness uses it: its Agent, and a request through a dispatcher.
// Why not `import { Agent, request } from 'undici'`: undici's index evaluates everything undici offers
// (fetch, WebSocket, cookies, caches, mock agents: ~110 modules) and makes Node load its own bundled
// copy of undici too. That was ~160 ms of every cold start that sent a request here, against ~55 ms
// for the dispatcher and its request API (issue 16: `rehearse` wall, a partner's first test file).
// The files below are undici's own, at the exact version package.json pins; undici.test.ts fails if an
// upgrade moves them or they stop being what undici's index exports.
import type * as Undici from 'undici';
import api from 'undici/lib/api/index.js';
import AgentClass from 'undici/lib/dispatcher/agent.js';
import DispatcherClass from 'undici/lib/dispatcher/dispatcher.js';

/** undici's `Agent`, the same class `import { Agent } from 'undici'` gives. */
export const Agent: typeof Undici.Agent = AgentClass;
/** An undici `Agent`. */
export type Agent = Undici.Agent;

// What undici's index does so that every dispatcher has request(), stream(), pipeline(), ...
// (idempotent: the index, when something else loads it, assigns the same functions again).
Object.assign(DispatcherClass.prototype, api);

/** The options of {@link request}: undici's, with the dispatcher it goes through always given. */
export type RequestOptions = Omit<Undici.Dispatcher.RequestOptions, 'origin' | 'path' | 'method'> &
  Partial<Pick<Undici.Dispatcher.RequestOptions, 'method'>> & { readonly dispatcher: Undici.Dispatcher };

/**
 * `undici.request(url, options)` for a given dispatcher: the origin, path and query come from `url`,
 * and the method defaults as undici's does (PUT with a body, else GET).
 * @example const { statusCode, body } = await request('http://127.0.0.1:4010/health', { dispatcher: agent });
 */
export function request(url: string | URL, options: RequestOptions): Promise<Undici.Dispatcher.ResponseData> {
  const { dispatcher, ...rest } = options;
  const target = typeof url === 'string' ? new URL(url) : url;
  return dispatcher.request({
    ...rest,
    origin: target.origin,
    path: `${target.pathname}${target.search}`,
    method: rest.method ?? (rest.body ? 'PUT' : 'GET'),
  });
}
