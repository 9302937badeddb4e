import { request } from 'undici';
import { expect } from 'vitest';
import { type RouteName, routes } from '../../../harness/contract/index.js';

export interface ApiResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
  readonly json: any;
}

export interface CallOptions {
  readonly token?: string;
  /** Serialized as JSON with content-type application/json. */
  readonly body?: unknown;
  /** Sent as is. */
  readonly rawBody?: string | Buffer;
  readonly headers?: Readonly<Record<string, string>>;
  readonly idempotencyKey?: string;
}

/** One HTTP call to the mock with undici; never throws on HTTP status. */
export async function call(
  base: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
  let body: string | Buffer | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await request(`${base}${path}`, { method: method as 'GET', headers, body: body ?? null });
  const text = await response.body.text();
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers))
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  let json: unknown = null;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.statusCode, headers: flat, text, json };
}

/** Asserts a success body against the route's response schema from the contract. */
export function expectConforms(route: RouteName, response: ApiResponse): void {
  expect(response.status, response.text).toBe(routes[route].success.status);
  const parsed = routes[route].success.schema.safeParse(response.json);
  expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);
}

export const claimBody = (clientId: string, reference = 'ref-1') => ({
  clientId,
  claimType: 'duty_drawback',
  amount: { currency: 'GBP', value: '125.50' },
  reference,
});

export const clientBody = (externalRef: string) => ({ externalRef, name: 'Acme Imports Ltd', country: 'GB' });

/** Creates a client (authority granted under the default rule) and returns its id. */
export async function createClient(base: string, token: string, externalRef = 'acme-1'): Promise<string> {
  const response = await call(base, 'POST', '/v1/clients', { token, body: clientBody(externalRef) });
  expect(response.status, response.text).toBe(201);
  return response.json.id as string;
}

/** A mock clock that stands still at the current instant: only advanceClock moves the timeline. */
export function frozenClock(): () => number {
  const at = Date.now();
  return () => at;
}
