import type { ServerResponse } from 'node:http';
import { Headers, type RouteName } from '../contract/index.js';
import type { ResolvedReferenceMockOptions } from './options.js';
import type { RateLimitState } from './rate-limiter.js';

/** Writes responses with the headers every API response carries, applying configured deviations. */
export interface ResponseWriter {
  /** Sends `body` (already JSON) with the standard headers plus `extra`. Returns false if the socket is gone. */
  send(
    res: ServerResponse,
    status: number,
    body: string,
    ids: { readonly requestId: string; readonly correlationId: string },
    rate: RateLimitState,
    extra?: Readonly<Record<string, string>>,
  ): boolean;
  /** A success body of `route`, with `dropBodyFields` deviations applied. */
  successBody(route: RouteName, body: unknown, json: string | undefined): string;
}

/** Creates the writer for one mock's options. */
export function createResponseWriter(options: ResolvedReferenceMockOptions): ResponseWriter {
  const dropped = new Set(options.deviations.dropResponseHeaders.map((name) => name.toLowerCase()));
  const dropBodyFields = options.deviations.dropBodyFields;
  const hash = options.contractHash;
  const environment = options.environment;
  return {
    send(res, status, body, ids, rate, extra) {
      if (res.destroyed || res.headersSent) return false;
      const headers: Record<string, string> = {
        'Content-Type': 'application/json',
        'Content-Length': String(Buffer.byteLength(body)),
        [Headers.requestId]: ids.requestId,
        [Headers.correlationId]: ids.correlationId,
        [Headers.rateLimitLimit]: String(rate.limit),
        [Headers.rateLimitRemaining]: String(rate.remaining),
        [Headers.rateLimitReset]: String(rate.resetAt),
        [Headers.contractHash]: hash,
        [Headers.environment]: environment,
      };
      if (extra) Object.assign(headers, extra);
      if (dropped.size > 0)
        for (const name of Object.keys(headers)) if (dropped.has(name.toLowerCase())) delete headers[name];
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
