import type { IncomingHttpHeaders } from 'node:http';
import type { CredentialRecord } from './credentials.js';
import type { MockEngine } from './engine.js';
import { ApiProblem } from './problem.js';

/** What a route handler gets once the pipeline has authenticated and validated the request. */
export interface HandlerContext {
  readonly engine: MockEngine;
  /** Present on every bearer route (the pipeline rejects the request otherwise). */
  readonly credential: CredentialRecord | null;
  readonly params: Readonly<Record<string, string>>;
  readonly query: unknown;
  readonly body: unknown;
  readonly headers: IncomingHttpHeaders;
}

/** A success response. `json` skips serialization when the handler already has the bytes (hot path). */
export interface HandlerResult {
  readonly status: number;
  readonly body?: unknown;
  readonly json?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export type RouteHandler = (ctx: HandlerContext) => HandlerResult | Promise<HandlerResult>;

/** The caller's partner org id; only called on bearer routes. */
export function orgOf(ctx: HandlerContext): string {
  if (ctx.credential === null) throw new ApiProblem('credential_missing');
  return ctx.credential.orgId;
}

/** A 404 resource_not_found naming what was looked for. */
export const notFound = (what: string, id: string) =>
  new ApiProblem('resource_not_found', {
    message: `No ${what} ${id} is visible to this credential. Check the id and that it belongs to your partner organization.`,
  });
