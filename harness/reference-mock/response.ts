import type { ServerResponse } from 'node:http';
import { Headers, type RouteName, STANDARD_RESPONSE_HEADERS } from '../contract/index.js';
import type { ResolvedReferenceMockOptions } from './options.js';
import type { RateLimitState } from './rate-limiter.js';

/** The ids a response echoes. */
export interface ResponseIds {
  readonly requestId: string;
  readonly correlationId: string;
}

/** Writes responses with the headers every API response carries, applying configured deviations. */
export interface ResponseWriter {
  /** Sends `body` (already JSON) with the standard headers plus `extra`. Returns false if the socket is gone. */
  send(
    res: ServerResponse,
    status: number,
    body: string,
    ids: ResponseIds,
    rate: RateLimitState,
    extra?: Readonly<Record<string, string>>,
  ): boolean;
  /** A success body of `route`, with `dropBodyFields` deviations applied. */
  successBody(route: RouteName, body: unknown, json: string | undefined): string;
}

/** The standard headers in the order they go out; the values of the per-response ones are filled in per send. */
const STANDARD = ['Content-Type', 'Content-Length', ...STANDARD_RESPONSE_HEADERS] as const;
const STANDARD_NAMES = new Set<string>(STANDARD);

/**
 * Creates the writer for one mock's options. The header list is a flat [name, value, ...] array
 * handed to `writeHead` as is: the constant pairs (media type, contract hash, environment) and the
 * dropped-header deviations are settled once here, not per response, and nothing but the array is
 * allocated per send.
 */
export function createResponseWriter(options: ResolvedReferenceMockOptions): ResponseWriter {
  const dropped = new Set(options.deviations.dropResponseHeaders.map((name) => name.toLowerCase()));
  const kept = STANDARD.filter((name) => !dropped.has(name.toLowerCase()));
  const constant: Readonly<Record<string, string>> = {
    'Content-Type': 'application/json',
    [Headers.contractHash]: options.contractHash,
    [Headers.environment]: options.environment,
  };
  const dropBodyFields = options.deviations.dropBodyFields;
  // The limit and the window's reset change rarely: their text is kept until they do.
  let limit = Number.NaN;
  let limitText = '';
  let resetAt = Number.NaN;
  let resetText = '';
  // Hot routes answer the same body string again and again (the status route caches it per claim):
  // its Content-Length is measured once per string, not per response.
  let lengthOf = '';
  let lengthText = '0';
  const contentLength = (body: string) => {
    if (body !== lengthOf) {
      // Two plain assignments: most routes answer a new body each time, so no array per response.
      lengthOf = body;
      lengthText = String(Buffer.byteLength(body));
    }
    return lengthText;
  };

  const standardValue = (name: string, body: string, ids: ResponseIds, rate: RateLimitState) => {
    switch (name) {
      case 'Content-Length':
        return contentLength(body);
      case Headers.requestId:
        return ids.requestId;
      case Headers.correlationId:
        return ids.correlationId;
      case Headers.rateLimitLimit:
        if (rate.limit !== limit) [limit, limitText] = [rate.limit, String(rate.limit)];
        return limitText;
      case Headers.rateLimitRemaining:
        return String(rate.remaining);
      case Headers.rateLimitReset:
        if (rate.resetAt !== resetAt) [resetAt, resetText] = [rate.resetAt, String(rate.resetAt)];
        return resetText;
      default:
        return constant[name] ?? '';
    }
  };
  /** All standard headers kept: the common case, written without a lookup per header. */
  const everyHeader = (body: string, ids: ResponseIds, rate: RateLimitState) => {
    if (rate.limit !== limit) [limit, limitText] = [rate.limit, String(rate.limit)];
    if (rate.resetAt !== resetAt) [resetAt, resetText] = [rate.resetAt, String(rate.resetAt)];
    return [
      'Content-Type',
      'application/json',
      'Content-Length',
      contentLength(body),
      Headers.requestId,
      ids.requestId,
      Headers.correlationId,
      ids.correlationId,
      Headers.rateLimitLimit,
      limitText,
      Headers.rateLimitRemaining,
      String(rate.remaining),
      Headers.rateLimitReset,
      resetText,
      Headers.contractHash,
      options.contractHash,
      Headers.environment,
      options.environment,
    ];
  };

  return {
    send(res, status, body, ids, rate, extra) {
      if (res.destroyed || res.headersSent) return false;
      let headers: string[];
      if (kept.length === STANDARD.length) headers = everyHeader(body, ids, rate);
      else {
        headers = [];
        for (const name of kept) headers.push(name, standardValue(name, body, ids, rate));
      }
      if (extra !== undefined)
        for (const name in extra) {
          if (dropped.size > 0 && dropped.has(name.toLowerCase())) continue;
          const value = extra[name] as string;
          // As Object.assign onto the standard headers did: the same name replaces, in place.
          const at = STANDARD_NAMES.has(name) ? headers.indexOf(name) : -1;
          if (at >= 0 && at % 2 === 0) headers[at + 1] = value;
          else headers.push(name, value);
        }
      res.writeHead(status, headers);
      res.end(body);
      return true;
    },
    successBody(route, body, json) {
      const drop = dropBodyFields[route];
      if (drop === undefined || drop.length === 0) return json ?? JSON.stringify(body);
      const copy = { ...(json === undefined ? (body as object) : (JSON.parse(json) as object)) } as Record<
        string,
        unknown
      >;
      for (const field of drop) delete copy[field];
      return JSON.stringify(copy);
    },
  };
}
