import { z } from 'zod';
import { RequestId } from './common.js';

export const RetryStrategy = z.enum(['no_retry', 'fix_request', 'backoff', 'contact_support']);
export type RetryStrategy = z.infer<typeof RetryStrategy>;

export const ErrorType = z.enum([
  'invalid_request_error',
  'authentication_error',
  'permission_error',
  'not_found_error',
  'conflict_error',
  'idempotency_error',
  'rate_limit_error',
  'api_error',
]);
export type ErrorType = z.infer<typeof ErrorType>;

export const ErrorDetail = z.object({
  field: z.string(),
  reason: z.string(),
});

/** The one error envelope every non-2xx response carries. */
export const ErrorEnvelope = z.object({
  error: z.object({
    type: ErrorType,
    code: z.string().regex(/^[a-z][a-z0-9_]*$/),
    message: z.string().min(1),
    requestId: RequestId,
    correlationId: z.string().min(1),
    retryStrategy: RetryStrategy,
    details: z.array(ErrorDetail).optional(),
    resourceId: z
      .string()
      .optional()
      .meta({ description: 'The existing resource a conflict points at (e.g. the client already linked).' }),
  }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;
