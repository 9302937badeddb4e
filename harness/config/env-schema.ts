import { z } from 'zod';
import { RouteFamily } from '../contract/schemas/common.js';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/**
 * The DutyClaims host: scheme, host, optional port and path, nothing else. Credentials in the URL
 * would end up in logs and the packet, and a query string or fragment would be silently dropped or
 * sent with every request; messages never repeat the value, which may hold a password.
 */
const baseUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://sandbox.dutyclaims.example' })
  .refine(
    (value) => !/^[a-z]+:\/\/[^/?#]*@/i.test(value),
    'must not contain a user name or password (user:pass@): give credentials in DUTYCLAIMS_API_KEY or DUTYCLAIMS_OAUTH_CLIENT_ID/SECRET',
  )
  .refine(
    (value) => !value.includes('?'),
    'must not contain a query string (?...): give only scheme, host, port and path',
  )
  .refine((value) => !value.includes('#'), 'must not contain a fragment (#...): give only scheme, host, port and path');

const port = z.coerce.number().int().min(0).max(65_535);

/**
 * Every environment variable the harness reads, in one schema. Names are the contract with partners'
 * CI: never rename one without a deprecation.
 */
export const HarnessEnv = z.object({
  DUTYCLAIMS_TARGET: z.enum(['mock', 'sandbox', 'production']).default('mock'),
  DUTYCLAIMS_BASE_URL: optionalText.pipe(baseUrl.optional()),
  DUTYCLAIMS_PARTNER_ORG_ID: optionalText,
  DUTYCLAIMS_API_KEY: optionalText,
  DUTYCLAIMS_OAUTH_CLIENT_ID: optionalText,
  DUTYCLAIMS_OAUTH_CLIENT_SECRET: optionalText,
  DUTYCLAIMS_OPENAPI_FILE: optionalText,
  DUTYCLAIMS_CONTRACT_HASH: optionalText.pipe(
    z
      .string()
      .regex(/^[0-9a-f]{16}$/, 'must be 16 lowercase hex characters')
      .optional(),
  ),
  DUTYCLAIMS_PACT_DIR: optionalText,
  DUTYCLAIMS_ROTATION_OWNER: optionalText,
  DUTYCLAIMS_SECRET_STORAGE: optionalText,
  DUTYCLAIMS_ROLLBACK_OWNER: optionalText,
  DUTYCLAIMS_CUTOVER_OWNER: optionalText,
  DUTYCLAIMS_WEBHOOK_PUBLIC_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  DUTYCLAIMS_WEBHOOK_ENDPOINT_ID: optionalText,
  DUTYCLAIMS_RECEIVER_HOST: optionalText.transform((value) => value ?? '127.0.0.1'),
  DUTYCLAIMS_RECEIVER_PORT: port.default(0),
  DUTYCLAIMS_CLIENT_EXTERNAL_REF: optionalText,
  /** The route families the partner's integration uses (comma-separated); default: the golden path's. */
  DUTYCLAIMS_ROUTE_FAMILIES: optionalText.pipe(
    z
      .string()
      .transform((value) => value.split(',').map((item) => item.trim()))
      .pipe(
        z
          .array(
            z.enum(RouteFamily.options, {
              error: (issue) =>
                `"${String(issue.input)}" is not a route family: list some of ${RouteFamily.options.join(', ')}, separated by commas`,
            }),
          )
          .min(1),
      )
      .optional(),
  ),
  /** `on`: after the golden path, rehearse API-key and webhook-secret rotation (`rehearse --rotation`). */
  DUTYCLAIMS_ROTATION: optionalText.pipe(
    z.enum(['on', 'off'], { error: 'must be on or off (on rehearses key and secret rotation)' }).optional(),
  ),
  /** The grace, in seconds, the rotation gives the old key: waited out on the mock clock, in real time elsewhere. */
  DUTYCLAIMS_ROTATION_GRACE_SECONDS: z.coerce.number().int().min(1).max(3600).optional(),
  DUTYCLAIMS_WAIT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  DUTYCLAIMS_OUT_DIR: optionalText.transform((value) => value ?? 'launch-packet'),
  /** Smoke: traffic is live, so at least one webhook delivery must have succeeded in the window. */
  DUTYCLAIMS_TRAFFIC_LIVE: optionalText,
  /** A short rollback plan (pause calls, disable the endpoint, read-only mode, who decides) for the support packet. */
  DUTYCLAIMS_ROLLBACK_PLAN_FILE: optionalText,
  /** Where vulnerability reports go (an email, an https URL or a phone number), recorded in the packet. */
  DUTYCLAIMS_SECURITY_CONTACT: optionalText,
  /** A security.txt (RFC 9116) to fetch and check: Contact present, Expires in the future. */
  DUTYCLAIMS_SECURITY_TXT_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
});
export type HarnessEnv = z.infer<typeof HarnessEnv>;
