import type { IncomingMessage } from 'node:http';
import { Headers, type RouteDefinition, VISIBLE_ASCII_1_255 } from '../contract/index.js';
import { assertWellFormedStrings, decodeUtf8Body } from './body-text.js';
import type { CredentialRecord, CredentialResolution } from './credentials.js';
import { mediaType, readBody } from './http-io.js';
import { exceedsJsonDepth, MAX_JSON_DEPTH } from './json-depth.js';
import { ApiProblem, issuesToDetails, validationProblem } from './problem.js';

/** 400 invalid_header for `header`. */
export const invalidHeader = (header: string, reason: string) =>
  new ApiProblem('invalid_header', {
    message: `The ${header} header is invalid: ${reason}. Fix the header and send the request again.`,
    details: [{ field: header, reason }],
  });

/** The authenticated credential of a bearer route, with every scope the route needs. */
export function authorize(route: RouteDefinition, resolution: CredentialResolution): CredentialRecord {
  if (resolution.record === null)
    throw new ApiProblem(
      resolution.error ?? 'credential_invalid',
      resolution.message === undefined ? {} : { message: resolution.message },
    );
  const missing = route.scopes.filter((scope) => !resolution.record?.scopes.has(scope));
  if (missing.length > 0)
    throw new ApiProblem('insufficient_scope', {
      message: `The credential lacks ${missing.join(', ')}, which ${route.method} ${route.path} requires. Use a credential with that scope.`,
      details: missing.map((scope) => ({ field: 'scope', reason: `missing ${scope}` })),
    });
  return resolution.record;
}

/** Checks the Idempotency-Key header against the route's rule; returns the key or null. */
export function checkIdempotencyKey(route: RouteDefinition, key: string | null): string | null {
  if (route.idempotencyKey === 'none') return null;
  if (key === null) {
    if (route.idempotencyKey === 'required') throw new ApiProblem('missing_idempotency_key');
    return null;
  }
  if (!VISIBLE_ASCII_1_255.test(key))
    throw invalidHeader(Headers.idempotencyKey, 'must be 1-255 visible ASCII characters');
  return key;
}

/**
 * Path parameters already validated, by the router's remembered (frozen) params object: the same path
 * of the same route validates the same way, so a repeated request skips the schema.
 */
const validParams = new WeakMap<
  Readonly<Record<string, string>>,
  { readonly route: RouteDefinition; readonly params: Record<string, string> }
>();

/** Validated path parameters and query of a route (422 with field details otherwise). */
export function validateParamsAndQuery(
  route: RouteDefinition,
  rawParams: Record<string, string>,
  search: string,
): { params: Record<string, string>; query: unknown } {
  let params = rawParams;
  if (route.params) {
    const known = validParams.get(rawParams);
    if (known?.route === route) params = known.params;
    else {
      const parsed = route.params.safeParse(rawParams);
      if (!parsed.success) throw validationProblem(issuesToDetails(parsed.error.issues, 'path'));
      params = parsed.data as Record<string, string>;
      if (Object.isFrozen(rawParams)) validParams.set(rawParams, { route, params: Object.freeze(params) });
    }
  }
  let query: unknown = {};
  if (route.query) {
    const parsed = route.query.safeParse(Object.fromEntries(new URLSearchParams(search)));
    if (!parsed.success) throw validationProblem(issuesToDetails(parsed.error.issues, 'query'));
    query = parsed.data;
  }
  return { params, query };
}

/** A route's body: media type (415), size (413), syntax (400), then its zod schema (422). */
export async function readRouteBody(
  route: RouteDefinition,
  req: IncomingMessage,
  maxBytes: number,
): Promise<{ body: unknown; json: unknown }> {
  const spec = route.body;
  if (spec === undefined) return { body: undefined, json: undefined };
  const type = mediaType(req.headers);
  if (type !== spec.contentType)
    throw new ApiProblem('unsupported_media_type', {
      message: `Send this body as ${spec.contentType}${type === null ? '' : `, not ${type}`}.`,
      details: [{ field: 'Content-Type', reason: `expected ${spec.contentType}` }],
    });
  const text = decodeUtf8Body(req.headers, await readBody(req, maxBytes));
  if (spec.contentType === 'application/x-www-form-urlencoded') {
    // The OAuth handler validates the form itself (its errors are invalid_grant_request, not 422).
    const form = Object.fromEntries(new URLSearchParams(text));
    return { body: form, json: form };
  }
  const json = parseJsonBody(text);
  assertWellFormedStrings(text, json);
  const parsed = spec.schema.safeParse(json);
  if (!parsed.success) throw validationProblem(issuesToDetails(parsed.error.issues, 'body'));
  return { body: parsed.data, json };
}

/** Parses a JSON body: 400 malformed_json when it is not JSON or nests deeper than MAX_JSON_DEPTH. */
export function parseJsonBody(text: string): unknown {
  // Checked first: later steps (the idempotency fingerprint) recurse into the raw document.
  if (exceedsJsonDepth(text, MAX_JSON_DEPTH))
    throw new ApiProblem('malformed_json', {
      message: `The request body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels, the most this provider accepts. Send a flatter JSON document.`,
      details: [{ field: 'body', reason: `nested deeper than ${MAX_JSON_DEPTH} levels` }],
    });
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ApiProblem('malformed_json', {
      details: [{ field: 'body', reason: error instanceof Error ? error.message : 'not JSON' }],
    });
  }
}
