import type { z } from 'zod';
import { type ErrorCode, ErrorCodes, type RetryStrategy } from '../contract/index.js';

export interface ProblemDetail {
  readonly field: string;
  readonly reason: string;
}

/** An API error the pipeline turns into the contract's error envelope. Internal to the mock. */
export class ApiProblem extends Error {
  override readonly name = 'ApiProblem' as const;
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: readonly ProblemDetail[] | undefined;
  readonly resourceId: string | undefined;
  /** Extra response headers, e.g. Allow or Retry-After. */
  readonly headers: Readonly<Record<string, string>> | undefined;
  /** The envelope's retry strategy; the catalog's for the code unless a fault overrides it. */
  readonly retryStrategy: RetryStrategy;

  constructor(
    code: ErrorCode,
    context: {
      message?: string;
      details?: readonly ProblemDetail[];
      resourceId?: string;
      headers?: Readonly<Record<string, string>>;
      status?: number;
      retryStrategy?: RetryStrategy;
    } = {},
  ) {
    super(context.message ?? ErrorCodes[code].message);
    this.code = code;
    this.status = context.status ?? ErrorCodes[code].status;
    this.details = context.details;
    this.resourceId = context.resourceId;
    this.headers = context.headers;
    this.retryStrategy = context.retryStrategy ?? ErrorCodes[code].retryStrategy;
  }
}

export const isApiProblem = (error: unknown): error is ApiProblem =>
  error instanceof Error && error.name === 'ApiProblem';

/** Serializes the error envelope of `problem`. */
export function envelopeJson(problem: ApiProblem, requestId: string, correlationId: string): string {
  const spec = ErrorCodes[problem.code];
  return JSON.stringify({
    error: {
      type: spec.type,
      code: problem.code,
      message: problem.message,
      requestId,
      correlationId,
      retryStrategy: problem.retryStrategy,
      ...(problem.details && problem.details.length > 0 ? { details: problem.details } : {}),
      ...(problem.resourceId === undefined ? {} : { resourceId: problem.resourceId }),
    },
  });
}

/** zod issues as `details`, one per field (`amount.value`), with `prefix` for params or query. */
export function issuesToDetails(issues: readonly z.core.$ZodIssue[], fallbackField = 'body'): ProblemDetail[] {
  return issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : fallbackField,
    reason: issue.message,
  }));
}

/** A 422 validation_failed with field details. */
export const validationProblem = (details: readonly ProblemDetail[]) =>
  new ApiProblem('validation_failed', { details });
