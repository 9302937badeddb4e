import { resolve } from 'node:path';
import { API_KEY_GRACE_DEFAULT_SECONDS } from '../contract/header-rules.js';
import type { Owners } from '../packet/schema.js';
import { findSecrets } from '../packet/secret-scan.js';
import { checkPaths } from './check-paths.js';
import { HarnessEnv } from './env-schema.js';
import { HarnessConfigError } from './errors.js';
import type { HarnessConfig, HarnessCredential } from './harness-config.js';
import { unknownEnvProblems } from './known-env.js';
import { resolvePin } from './resolve-pin.js';

const OWNER_VARIABLES: Record<keyof Owners, keyof HarnessEnv> = {
  credentialRotation: 'DUTYCLAIMS_ROTATION_OWNER',
  secretStorage: 'DUTYCLAIMS_SECRET_STORAGE',
  rollback: 'DUTYCLAIMS_ROLLBACK_OWNER',
  cutover: 'DUTYCLAIMS_CUTOVER_OWNER',
};

/** The old key's grace on a real target, waited out in real time: short, and the partner may set another. */
export const REAL_TARGET_ROTATION_GRACE_SECONDS = 10;

/** What the embedded-mock rehearsal records when an owner is not configured; never used for real targets. */
export const MOCK_OWNER_DEFAULT = 'mock-rehearsal (not a real owner)';

function resolveCredential(env: HarnessEnv, problems: string[]): HarnessCredential | null {
  const {
    DUTYCLAIMS_API_KEY: apiKey,
    DUTYCLAIMS_OAUTH_CLIENT_ID: clientId,
    DUTYCLAIMS_OAUTH_CLIENT_SECRET: clientSecret,
  } = env;
  if (apiKey && (clientId || clientSecret)) {
    problems.push(
      'Set either DUTYCLAIMS_API_KEY or DUTYCLAIMS_OAUTH_CLIENT_ID/SECRET, not both: the run must prove one credential shape.',
    );
    return null;
  }
  if (apiKey) return { kind: 'api_key', apiKey };
  if (clientId && clientSecret) return { kind: 'oauth', clientId, clientSecret };
  if (clientId || clientSecret)
    problems.push('DUTYCLAIMS_OAUTH_CLIENT_ID and DUTYCLAIMS_OAUTH_CLIENT_SECRET go together: set both.');
  return null;
}

/**
 * Reads and validates the harness settings from environment variables. Throws HarnessConfigError
 * listing every problem at once, so a partner fixes their CI in one pass.
 */
export function loadHarnessConfig(source: Readonly<Record<string, string | undefined>> = process.env): HarnessConfig {
  const problems = unknownEnvProblems(source);
  const parsed = HarnessEnv.safeParse(source);
  if (!parsed.success) {
    problems.push(...parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`));
    // The paths do not depend on the rest: report them in the same pass.
    const pathSettings = HarnessEnv.pick({ DUTYCLAIMS_PACT_DIR: true, DUTYCLAIMS_OUT_DIR: true }).safeParse(source);
    if (pathSettings.success) checkPaths(pathSettings.data, problems);
    throw new HarnessConfigError(problems);
  }
  const env = parsed.data;
  const target = env.DUTYCLAIMS_TARGET;
  const pin = resolvePin(env, problems);
  const credential = resolveCredential(env, problems);
  const external = env.DUTYCLAIMS_BASE_URL !== undefined;

  if (target === 'mock' && !external && (env.DUTYCLAIMS_PARTNER_ORG_ID || credential)) {
    problems.push(
      'The embedded mock brings its own partner org and credentials: unset DUTYCLAIMS_PARTNER_ORG_ID and the credential variables, or set DUTYCLAIMS_BASE_URL to a running mock.',
    );
  }
  if (target !== 'mock') {
    if (!external)
      problems.push(
        `DUTYCLAIMS_BASE_URL is required for the ${target} target (the DutyClaims host you are launching against).`,
      );
    if (!env.DUTYCLAIMS_PARTNER_ORG_ID)
      problems.push(`DUTYCLAIMS_PARTNER_ORG_ID is required for the ${target} target.`);
    if (!credential && problems.every((problem) => !problem.includes('DUTYCLAIMS_OAUTH'))) {
      problems.push(
        `Set DUTYCLAIMS_API_KEY (or, in sandbox only, DUTYCLAIMS_OAUTH_CLIENT_ID and DUTYCLAIMS_OAUTH_CLIENT_SECRET) for the ${target} target.`,
      );
    }
  }
  const partnerReceiver = env.DUTYCLAIMS_WEBHOOK_ENDPOINT_ID !== undefined;
  if (target === 'sandbox' && !partnerReceiver && !env.DUTYCLAIMS_WEBHOOK_PUBLIC_URL) {
    problems.push(
      "Webhooks in sandbox need a way back: set DUTYCLAIMS_WEBHOOK_PUBLIC_URL to a public URL that reaches this harness's receiver (DUTYCLAIMS_RECEIVER_PORT), or DUTYCLAIMS_WEBHOOK_ENDPOINT_ID to your own registered receiver (the harness then confirms delivery through the delivery log).",
    );
  }
  for (const [owner, variable] of Object.entries(OWNER_VARIABLES)) {
    const findings = findSecrets(String(env[variable] ?? ''));
    for (const finding of findings)
      problems.push(
        `${variable} holds ${finding.description} (starting "${finding.prefix}"), and owners are written into the launch packet: name the ${owner === 'secretStorage' ? 'place the secret is stored' : 'owner'} instead.`,
      );
  }
  checkPaths(env, problems);
  if (problems.length > 0) throw new HarnessConfigError(problems);

  const defaultedOwners: (keyof Owners)[] = [];
  const owners = Object.fromEntries(
    (Object.entries(OWNER_VARIABLES) as [keyof Owners, keyof HarnessEnv][]).map(([owner, variable]) => {
      const value = env[variable] as string | undefined;
      if (value !== undefined) return [owner, value];
      if (target === 'mock') {
        defaultedOwners.push(owner);
        return [owner, MOCK_OWNER_DEFAULT];
      }
      return [owner, null];
    }),
  ) as unknown as Owners;

  const readOnly = target === 'production';
  return {
    target,
    mode: readOnly ? 'smoke' : 'rehearsal',
    readOnly,
    baseUrl: env.DUTYCLAIMS_BASE_URL ?? null,
    partnerOrgId: env.DUTYCLAIMS_PARTNER_ORG_ID ?? null,
    credential,
    pin,
    pactDir: env.DUTYCLAIMS_PACT_DIR ? resolve(env.DUTYCLAIMS_PACT_DIR) : null,
    owners,
    defaultedOwners,
    webhook: {
      mode: partnerReceiver ? 'partner-receiver' : 'harness-receiver',
      publicUrl: env.DUTYCLAIMS_WEBHOOK_PUBLIC_URL ?? null,
      endpointId: env.DUTYCLAIMS_WEBHOOK_ENDPOINT_ID ?? null,
      receiverHost: env.DUTYCLAIMS_RECEIVER_HOST,
      receiverPort: env.DUTYCLAIMS_RECEIVER_PORT,
    },
    clientExternalRef: env.DUTYCLAIMS_CLIENT_EXTERNAL_REF ?? null,
    routeFamilies: env.DUTYCLAIMS_ROUTE_FAMILIES ? [...new Set(env.DUTYCLAIMS_ROUTE_FAMILIES)] : null,
    rotation: {
      requested: env.DUTYCLAIMS_ROTATION === 'on',
      graceSeconds:
        env.DUTYCLAIMS_ROTATION_GRACE_SECONDS ??
        (target === 'mock' ? API_KEY_GRACE_DEFAULT_SECONDS : REAL_TARGET_ROTATION_GRACE_SECONDS),
    },
    rollbackPlanFile: env.DUTYCLAIMS_ROLLBACK_PLAN_FILE ? resolve(env.DUTYCLAIMS_ROLLBACK_PLAN_FILE) : null,
    waitTimeoutMs: env.DUTYCLAIMS_WAIT_TIMEOUT_MS,
    outDir: resolve(env.DUTYCLAIMS_OUT_DIR),
  };
}
