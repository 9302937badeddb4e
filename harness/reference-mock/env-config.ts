import { z } from 'zod';
import { type MockEnvName, RATE_LIMIT_RULE } from './env-names.js';
import type { StandaloneMockOptions } from './standalone.js';

// Exactly the names of env-names.ts (the compiler checks both ways).
const EnvSchema = z.object({
  DUTYCLAIMS_MOCK_HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  DUTYCLAIMS_MOCK_ALLOW_NON_LOOPBACK_HOST: z
    .enum(['1', 'true', '0', 'false'], {
      error: 'must be 1 (or true) to allow a non-loopback host, 0 (or false) not to',
    })
    .transform((value) => value === '1' || value === 'true')
    .default(false),
  DUTYCLAIMS_MOCK_PORT: z
    .string()
    .regex(/^\d{1,5}$/, 'must be a port number (0-65535)')
    .transform(Number)
    .pipe(z.number().max(65_535, 'must be a port number (0-65535)'))
    .default(4010),
  DUTYCLAIMS_MOCK_SEED: z.string().min(1, 'must not be empty').optional(),
  DUTYCLAIMS_MOCK_CONTROL_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]{16,256}$/, 'must be 16-256 visible ASCII characters (e.g. openssl rand -hex 24)')
    .optional(),
  DUTYCLAIMS_MOCK_ALLOW_UNAUTHENTICATED_CONTROL: z
    .enum(['1', 'true', '0', 'false'], { error: 'must be 1 (or true) to run the control plane without a token' })
    .transform((value) => value === '1' || value === 'true')
    .default(false),
  DUTYCLAIMS_MOCK_ENVIRONMENT: z
    .enum(['sandbox', 'production'], { error: 'must be "sandbox" or "production"' })
    .default('sandbox'),
  DUTYCLAIMS_MOCK_RATE_LIMIT: z
    .string()
    .regex(/^[1-9]\d{0,8}$/, RATE_LIMIT_RULE)
    .transform(Number)
    .optional(),
} satisfies Record<MockEnvName, z.ZodType>);

export type MockEnvConfig =
  | { readonly ok: true; readonly options: StandaloneMockOptions }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Reads the container entry's settings from environment variables (empty values count as unset). */
export function parseMockEnv(env: Readonly<Record<string, string | undefined>>): MockEnvConfig {
  const present = Object.fromEntries(
    Object.keys(EnvSchema.shape)
      .map((name) => [name, env[name]] as const)
      .filter((entry): entry is readonly [string, string] => entry[1] !== undefined && entry[1] !== ''),
  );
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment');
        return `${name}=${JSON.stringify(present[name] ?? '')}: ${issue.message}`;
      }),
    };
  const data = parsed.data;
  // In the container the token is required whatever the host: a published port is one flag away.
  if (data.DUTYCLAIMS_MOCK_CONTROL_TOKEN === undefined && !data.DUTYCLAIMS_MOCK_ALLOW_UNAUTHENTICATED_CONTROL)
    return {
      ok: false,
      problems: [
        'DUTYCLAIMS_MOCK_CONTROL_TOKEN is not set: the control plane (/_mock/) needs a token in the container. Set it (e.g. openssl rand -hex 24) and give it to the control client, or set DUTYCLAIMS_MOCK_ALLOW_UNAUTHENTICATED_CONTROL=1 to run without one.',
      ],
    };
  return {
    ok: true,
    options: {
      host: data.DUTYCLAIMS_MOCK_HOST,
      ...(data.DUTYCLAIMS_MOCK_ALLOW_NON_LOOPBACK_HOST ? { allowNonLoopbackHost: true } : {}),
      port: data.DUTYCLAIMS_MOCK_PORT,
      ...(data.DUTYCLAIMS_MOCK_CONTROL_TOKEN === undefined ? {} : { controlToken: data.DUTYCLAIMS_MOCK_CONTROL_TOKEN }),
      ...(data.DUTYCLAIMS_MOCK_ALLOW_UNAUTHENTICATED_CONTROL ? { allowUnauthenticatedControl: true } : {}),
      environment: data.DUTYCLAIMS_MOCK_ENVIRONMENT,
      ...(data.DUTYCLAIMS_MOCK_SEED === undefined ? {} : { seed: data.DUTYCLAIMS_MOCK_SEED }),
      ...(data.DUTYCLAIMS_MOCK_RATE_LIMIT === undefined ? {} : { rateLimitPerMinute: data.DUTYCLAIMS_MOCK_RATE_LIMIT }),
    },
  };
}
