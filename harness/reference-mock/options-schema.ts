import { z } from 'zod';
import { routes } from '../contract/index.js';

const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().min(0);

export const authorityRuleSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('immediate') }),
  z.object({ mode: z.literal('after'), afterMs: nonNegativeInt }),
  z.object({ mode: z.literal('never') }),
]);

export const claimOutcomeSchema = z.enum(['accepted', 'rejected']);

const routeNames = Object.keys(routes) as [keyof typeof routes, ...(keyof typeof routes)[]];

/** Shape check of caller options; defaults are applied by `resolveReferenceMockOptions`. */
export const optionsSchema = z
  .object({
    host: z.string().min(1),
    allowNonLoopbackHost: z.boolean(),
    port: z.number().int().min(0).max(65_535),
    controlToken: z.string().regex(/^[\x21-\x7e]{16,256}$/, 'must be 16-256 visible ASCII characters'),
    allowUnauthenticatedControl: z.boolean(),
    seed: z.string().min(1),
    environment: z.enum(['sandbox', 'production']),
    clock: z.custom<() => number>((value) => typeof value === 'function', 'must be a function returning epoch ms'),
    timers: z.enum(['real', 'manual']),
    timeline: z
      .object({ validatingAfterMs: nonNegativeInt, submittedAfterMs: nonNegativeInt, decidedAfterMs: nonNegativeInt })
      .partial(),
    authority: authorityRuleSchema,
    claimOutcome: claimOutcomeSchema,
    rateLimit: z.object({ limit: positiveInt, windowMs: positiveInt }).partial(),
    webhookDelivery: z
      .object({
        timeoutMs: positiveInt,
        retryBaseMs: nonNegativeInt,
        maxAttempts: positiveInt.max(20),
        allowNonLoopback: z.boolean(),
        signingClock: z.enum(['mock', 'real']),
      })
      .partial(),
    maxBodyBytes: positiveInt,
    contractHash: z.string().regex(/^[0-9a-f]{16}$/, 'must be 16 lowercase hex characters'),
    deviations: z
      .object({
        dropResponseHeaders: z.array(z.string().min(1)).readonly(),
        dropBodyFields: z.partialRecord(z.enum(routeNames), z.array(z.string().min(1)).readonly()),
      })
      .partial(),
    journalCapacity: positiveInt.max(1_000_000),
    connections: z
      .object({
        headersTimeoutMs: positiveInt.max(600_000),
        requestTimeoutMs: positiveInt.max(3_600_000),
        idleTimeoutMs: positiveInt.max(3_600_000),
        keepAliveTimeoutMs: positiveInt.max(600_000),
        maxConnections: positiveInt.max(100_000),
      })
      .partial(),
    retention: z
      .object({
        maxAgeMs: positiveInt,
        maxClients: positiveInt.max(1_000_000),
        maxClaims: positiveInt.max(1_000_000),
        maxEndpoints: positiveInt.max(100_000),
        maxDeliveries: positiveInt.max(1_000_000),
        maxAccessTokens: positiveInt.max(1_000_000),
        maxIdempotencyKeys: positiveInt.max(1_000_000),
        maxTenants: positiveInt.max(100_000),
      })
      .partial(),
  })
  .partial();

export type OptionsInput = z.output<typeof optionsSchema>;
