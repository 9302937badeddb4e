import type { z } from 'zod';
import { ErrorEnvelope, type RetryStrategy } from '../contract/schemas/errors.js';
import { type SchemaIssue, UNEXPECTED_RESPONSE_CODE } from './errors.js';
import { isRetryableStatus } from './retry.js';

/** A 2xx body checked against its route's schema. */
export type ParsedBody<T> =
  | { readonly ok: true; readonly data: T }
  | { readonly ok: false; readonly issues: SchemaIssue[] };

/** Parses a 2xx body as JSON and validates it with the route's schema (the one zod parse of a call). */
export function parseSuccessBody<S extends z.ZodType>(text: string, schema: S): ParsedBody<z.output<S>> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {
      ok: false,
      issues: [{ code: 'invalid_json', path: [], message: `The body is not JSON (${describeText(text)}).` }],
    };
  }
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({ code: issue.code, path: issue.path, message: issue.message })),
  };
}

/** What a non-2xx response says: its error code, envelope and retry strategy. */
export interface ErrorBody {
  readonly code: string;
  readonly envelope: ErrorEnvelope | null;
  readonly retryStrategy: RetryStrategy;
  /** Set when there is no envelope: why, for the error message. */
  readonly reason: string | null;
}

/** Reads the DutyClaims error envelope of a non-2xx response; a body without one still yields a code. */
export function parseErrorBody(status: number, text: string): ErrorBody {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const parsed = value === undefined ? null : ErrorEnvelope.safeParse(value);
  if (parsed?.success) {
    return {
      code: parsed.data.error.code,
      envelope: parsed.data,
      retryStrategy: parsed.data.error.retryStrategy,
      reason: null,
    };
  }
  const what =
    value === undefined ? `a non-JSON body (${describeText(text)})` : 'JSON without a DutyClaims error envelope';
  return {
    code: UNEXPECTED_RESPONSE_CODE,
    envelope: null,
    retryStrategy: isRetryableStatus(status) ? 'backoff' : 'no_retry',
    reason: `the response carried ${what}. Check that baseUrl points at the DutyClaims API and not at a proxy or another service.`,
  };
}

/** A short, safe description of a body for messages: its length and first characters. */
function describeText(text: string): string {
  if (text.length === 0) return 'empty';
  const head = text.slice(0, 40).replace(/[^\x20-\x7e]/g, '?');
  return `${text.length} chars starting ${JSON.stringify(head)}`;
}
