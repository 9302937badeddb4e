import { z } from 'zod';
import { type ErrorCode, ErrorCodes, RetryStrategy } from '../contract/index.js';
import { FAULT_STATUSES } from './fault-response.js';
import { authorityRuleSchema, claimOutcomeSchema } from './options-schema.js';

/** Body of `POST /_mock/faults`. */
export const FaultSpecSchema = z.strictObject({
  kind: z.enum(['status', 'rate_limit', 'delay', 'drop', 'hang', 'duplicate_delivery']),
  count: z.number().int().min(1).max(100_000).default(1),
  status: z
    .number()
    .int()
    .refine((status) => FAULT_STATUSES.includes(status), `must be one of ${FAULT_STATUSES.join(', ')}`)
    .optional(),
  errorCode: z
    .enum(Object.keys(ErrorCodes) as [ErrorCode, ...ErrorCode[]])
    .optional()
    .describe('the envelope code; default: the catalog code for the status'),
  retryStrategy: RetryStrategy.optional(),
  retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
  delayMs: z.number().int().min(0).max(600_000).optional(),
  match: z
    .strictObject({
      operationId: z.string().min(1).optional(),
      method: z.string().min(1).optional(),
      path: z.string().startsWith('/').optional(),
    })
    .optional(),
});

/** Body of `POST /_mock/clock/advance`. */
export const AdvanceClockSchema = z.strictObject({
  ms: z
    .number()
    .int()
    .min(0)
    .max(10 * 365 * 24 * 3600 * 1000),
});

/** Answer of `POST /_mock/clock/advance`. */
export const ClockStateSchema = z.object({ now: z.iso.datetime(), nowMs: z.number() });
export type ClockState = z.infer<typeof ClockStateSchema>;

/** Body of `PUT /_mock/rules/authority`. */
export const AuthorityRuleSchema = authorityRuleSchema;

/** Body of `PUT /_mock/rules/claim-outcome`. */
export const ClaimOutcomeRuleSchema = z.strictObject({ outcome: claimOutcomeSchema });
