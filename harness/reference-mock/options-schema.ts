import { z } from 'zod';

const nonNegativeInt = z.number().int().min(0);

export const authorityRuleSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('immediate') }),
  z.object({ mode: z.literal('after'), afterMs: nonNegativeInt }),
  z.object({ mode: z.literal('never') }),
]);

export const claimOutcomeSchema = z.enum(['accepted', 'rejected']);
