import { type Matcher, MatchersV3, type TemplateHeaders } from '@pact-foundation/pact';
import { z } from 'zod';
import { type ErrorCode, ErrorCodes } from '../contract/error-codes.js';
import { Headers } from '../contract/headers.js';
import { CONTRACT_PIN } from '../contract/pin.js';
import { RequestId, Timestamp } from '../contract/schemas/common.js';
import { ContractPin } from '../contract/schemas/partner-organizations.js';
import { PactExamples } from './examples.js';
import { PACT_CORRELATION_ID } from './placeholders.js';

const { regex, like, equal, eachLike } = MatchersV3;

/** The regular expression the contract gives a string schema (its `pattern`, or its enum as alternatives). */
export function patternOf(schema: z.ZodType): string {
  const json = z.toJSONSchema(schema) as { pattern?: string; enum?: unknown[] };
  if (typeof json.pattern === 'string') return json.pattern;
  if (Array.isArray(json.enum) && json.enum.every((value) => typeof value === 'string'))
    return `^(${json.enum.map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`;
  throw new Error('patternOf: the schema has neither a pattern nor a string enum; use a type matcher instead.');
}

/** A regex matcher built from the contract schema; throws when the example itself breaks the contract. */
export function matching(schema: z.ZodType, example: string): Matcher<string> {
  if (!schema.safeParse(example).success)
    throw new Error(
      `The pact example ${JSON.stringify(example)} does not satisfy its contract schema; fix the example.`,
    );
  return regex(patternOf(schema), example);
}

/** An RFC 3339 UTC timestamp, matched with the contract's own pattern. */
export const timestampLike = (example: string = PactExamples.timestamp): Matcher<string> =>
  matching(Timestamp, example);

/** Any non-negative integer sent as a header value (rate-limit counters, Retry-After). */
const headerInteger = (example: string): Matcher<string> => regex('^[0-9]+$', example);

/** The headers the contract puts on every API response; `extra` adds or overrides. */
export function standardResponseHeaders(extra: TemplateHeaders = {}): TemplateHeaders {
  return {
    'Content-Type': regex('^application/json(;.*)?$', 'application/json'),
    [Headers.requestId]: matching(RequestId, PactExamples.requestId),
    // The contract fixes the echo: the provider returns the correlation id the caller sent.
    [Headers.correlationId]: equal(PACT_CORRELATION_ID),
    [Headers.rateLimitLimit]: headerInteger('1000'),
    [Headers.rateLimitRemaining]: headerInteger('999'),
    [Headers.rateLimitReset]: headerInteger('1795428930'),
    [Headers.contractHash]: matching(ContractPin.shape.hash, CONTRACT_PIN.hash),
    [Headers.environment]: regex('^(sandbox|production)$', 'sandbox'),
    ...extra,
  };
}

/** Extra fields of an error envelope a branch relies on. */
export interface ErrorBodyExtras {
  /** The `details` entries, literal or with matchers. */
  readonly details?: readonly { readonly field: string | Matcher<string>; readonly reason: string | Matcher<string> }[];
  /** Matched as any string of the given shape (the id of the existing resource). */
  readonly resourceId?: Matcher<string>;
  /** Match `details` by shape only (at least one `{field, reason}`), not by value. */
  readonly detailsByShape?: boolean;
}

/**
 * The error envelope of `code`: status, type and retry strategy come from the code catalog and are
 * literal; the message is any string because providers may add specifics.
 */
export function errorResponse(code: ErrorCode, extras: ErrorBodyExtras = {}) {
  const spec = ErrorCodes[code];
  const details =
    extras.details === undefined
      ? undefined
      : extras.detailsByShape
        ? eachLike(extras.details[0] ?? { field: 'body', reason: 'invalid' }, 1)
        : extras.details.map((detail) => ({ field: detail.field, reason: detail.reason }));
  return {
    status: spec.status,
    body: {
      error: {
        type: spec.type,
        code,
        message: like(spec.message),
        requestId: matching(RequestId, PactExamples.requestId),
        correlationId: equal(PACT_CORRELATION_ID),
        retryStrategy: spec.retryStrategy,
        ...(details === undefined ? {} : { details }),
        ...(extras.resourceId === undefined ? {} : { resourceId: extras.resourceId }),
      },
    },
  };
}
