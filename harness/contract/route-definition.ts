import type { z } from 'zod';
import type { ErrorCode } from './error-codes.js';
import type { RouteFamily, Scope } from './schemas/common.js';

export type HttpMethod = 'GET' | 'POST';

/** How a route authenticates its caller. */
export type RouteAuth = 'bearer' | 'client_credentials' | 'none';

/** One operation of the contract: everything the OpenAPI document, the client and the mock need. */
export interface RouteDefinition {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** OpenAPI path template, e.g. `/v1/claims/{claimId}/status`. */
  readonly path: string;
  readonly summary: string;
  readonly family: RouteFamily | null;
  readonly auth: RouteAuth;
  readonly scopes: readonly Scope[];
  readonly sandboxOnly: boolean;
  readonly idempotencyKey: 'required' | 'optional' | 'none';
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: {
    readonly contentType: 'application/json' | 'application/x-www-form-urlencoded';
    readonly schema: z.ZodType;
  };
  readonly success: { readonly status: 200 | 201 | 202; readonly description: string; readonly schema: z.ZodType };
  /** Error codes specific to this route; the common ones are added by `errorCodesFor`. */
  readonly errors: readonly ErrorCode[];
}

/** Identity helper that keeps each route's literal types while checking its shape. */
export const defineRoute = <const R extends RouteDefinition>(route: R): R => route;
