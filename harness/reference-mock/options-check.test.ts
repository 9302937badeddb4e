import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { routes } from '../contract/routes.js';
import { checkOptionsShape } from './options-check.js';

// The zod schema that checked the options before the check went zod-free: the reference for every message.
const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().min(0);
const routeNames = Object.keys(routes) as [keyof typeof routes, ...(keyof typeof routes)[]];
const reference = z
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
    authority: z.discriminatedUnion('mode', [
      z.object({ mode: z.literal('immediate') }),
      z.object({ mode: z.literal('after'), afterMs: nonNegativeInt }),
      z.object({ mode: z.literal('never') }),
    ]),
    claimOutcome: z.enum(['accepted', 'rejected']),
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

const zodIssues = (options: unknown) => {
  const parsed = reference.safeParse(options);
  return parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(options)', reason: issue.message }));
};

class Custom {}
/** Values of every kind a caller gets wrong: wrong types, edges of ranges, formats, odd objects. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    undefined,
    null,
    true,
    false,
    0,
    -0,
    1,
    -1,
    1.5,
    20,
    21,
    65_535,
    65_536,
    100_000,
    100_001,
    600_000,
    600_001,
    1_000_000,
    1_000_001,
    3_600_000,
    3_600_001,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    2 ** 53,
    -(2 ** 53),
    2 ** 60,
    '',
    'x',
    '0.0.0.0',
    'sandbox',
    'production',
    'staging',
    'real',
    'manual',
    'mock',
    'accepted',
    'rejected',
    'immediate',
    'after',
    'never',
    '0123456789abcdef',
    '0123456789ABCDEF',
    'a'.repeat(16),
    'with space in it ok',
    [],
    [''],
    ['x-header'],
    ['x', 1],
    {},
    () => 0,
    new Date(0),
    new Map(),
    new Custom(),
    Object.create(null),
    Object.assign(Object.create(null), { constructor: () => 0 }),
    { constructor: 1 },
    1n,
    Symbol('s'),
  ),
  fc.integer({ min: -10, max: 2_000_000 }),
  fc.double(),
  fc.string({ maxLength: 20 }),
);
const authority = fc.oneof(
  anyValue,
  fc.record(
    { mode: fc.constantFrom('immediate', 'after', 'never', 'later', undefined), afterMs: anyValue },
    { requiredKeys: [] },
  ),
);
const routeKey = fc.constantFrom(...routeNames, 'notARoute', '__proto__', 'constructor');
const dropBodyFields = fc.oneof(
  anyValue,
  fc.dictionary(routeKey, fc.oneof(anyValue, fc.array(anyValue, { maxLength: 3 })), { maxKeys: 3 }),
);
const nested = (keys: readonly string[]) =>
  fc.oneof(anyValue, fc.record(Object.fromEntries(keys.map((key) => [key, anyValue])), { requiredKeys: [] }));
const options = fc.oneof(
  { weight: 1, arbitrary: anyValue },
  {
    weight: 9,
    arbitrary: fc.record(
      {
        host: anyValue,
        allowNonLoopbackHost: anyValue,
        port: anyValue,
        controlToken: anyValue,
        allowUnauthenticatedControl: anyValue,
        seed: anyValue,
        environment: anyValue,
        clock: anyValue,
        timers: anyValue,
        timeline: nested(['validatingAfterMs', 'submittedAfterMs', 'decidedAfterMs', 'other']),
        authority,
        claimOutcome: anyValue,
        rateLimit: nested(['limit', 'windowMs']),
        webhookDelivery: nested(['timeoutMs', 'retryBaseMs', 'maxAttempts', 'allowNonLoopback', 'signingClock']),
        maxBodyBytes: anyValue,
        contractHash: anyValue,
        deviations: fc.oneof(
          anyValue,
          fc.record(
            { dropResponseHeaders: fc.oneof(anyValue, fc.array(anyValue, { maxLength: 3 })), dropBodyFields },
            { requiredKeys: [] },
          ),
        ),
        journalCapacity: anyValue,
        connections: nested([
          'headersTimeoutMs',
          'requestTimeoutMs',
          'idleTimeoutMs',
          'keepAliveTimeoutMs',
          'maxConnections',
        ]),
        retention: nested([
          'maxAgeMs',
          'maxClients',
          'maxClaims',
          'maxEndpoints',
          'maxDeliveries',
          'maxAccessTokens',
          'maxIdempotencyKeys',
          'maxTenants',
        ]),
        unknownField: anyValue,
      },
      { requiredKeys: [] },
    ),
  },
);

describe('checkOptionsShape', () => {
  it('finds exactly the problems, fields and messages the zod schema of the options finds', () => {
    fc.assert(
      fc.property(options, (given) => {
        expect(checkOptionsShape(given)).toEqual(zodIssues(given));
      }),
      { numRuns: 1500 },
    );
  });

  it('accepts complete valid options and names each field of invalid ones', () => {
    expect(
      checkOptionsShape({
        port: 0,
        authority: { mode: 'after', afterMs: 5 },
        deviations: { dropBodyFields: { health: ['status'] } },
      }),
    ).toEqual([]);
    expect(checkOptionsShape({ port: -1, environment: 'staging', authority: { mode: 'after' } })).toEqual([
      { field: 'port', reason: 'Too small: expected number to be >=0' },
      { field: 'environment', reason: 'Invalid option: expected one of "sandbox"|"production"' },
      { field: 'authority.afterMs', reason: 'Invalid input: expected number, received undefined' },
    ]);
  });
});
