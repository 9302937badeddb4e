import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { computeContractHash } from '../contract/hash.js';
import { openApiPath } from '../contract/package-root.js';
import { CONTRACT_PIN } from '../contract/pin.js';
import type { Owners } from '../packet/schema.js';
import { HarnessEnv } from './env-schema.js';
import { HarnessConfigError } from './errors.js';
import type { HarnessConfig, HarnessCredential } from './harness-config.js';

const OWNER_VARIABLES: Record<keyof Owners, keyof HarnessEnv> = {
  credentialRotation: 'DUTYCLAIMS_ROTATION_OWNER',
  secretStorage: 'DUTYCLAIMS_SECRET_STORAGE',
  rollback: 'DUTYCLAIMS_ROLLBACK_OWNER',
  cutover: 'DUTYCLAIMS_CUTOVER_OWNER',
};

/** What the embedded-mock rehearsal records when an owner is not configured; never used for real targets. */
export const MOCK_OWNER_DEFAULT = 'mock-rehearsal (not a real owner)';

function resolvePin(env: HarnessEnv, problems: string[]): HarnessConfig['pin'] {
  const openApiFile = env.DUTYCLAIMS_OPENAPI_FILE ? resolve(env.DUTYCLAIMS_OPENAPI_FILE) : openApiPath();
  let fileHash: string | undefined;
  if (env.DUTYCLAIMS_OPENAPI_FILE) {
    try {
      fileHash = computeContractHash(JSON.parse(readFileSync(openApiFile, 'utf8')));
    } catch (error) {
      problems.push(
        `DUTYCLAIMS_OPENAPI_FILE: cannot read ${openApiFile} as JSON (${(error as Error).message}). Point it at the OpenAPI document your build was generated from.`,
      );
    }
  }
  const explicit = env.DUTYCLAIMS_CONTRACT_HASH;
  if (explicit && fileHash && explicit !== fileHash) {
    problems.push(
      `DUTYCLAIMS_CONTRACT_HASH is ${explicit} but DUTYCLAIMS_OPENAPI_FILE hashes to ${fileHash}. Pin the hash of the document you actually used, or drop one of the two.`,
    );
  }
  if (explicit) return { hash: explicit, source: 'DUTYCLAIMS_CONTRACT_HASH', openApiFile };
  if (fileHash) return { hash: fileHash, source: `DUTYCLAIMS_OPENAPI_FILE (${openApiFile})`, openApiFile };
  return { hash: CONTRACT_PIN.hash, source: 'the OpenAPI shipped with the harness', openApiFile };
}

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

/** Paths must be usable before the run starts, so no run ends with its evidence unwritable. */
function checkPaths(env: HarnessEnv, problems: string[]): void {
  if (env.DUTYCLAIMS_PACT_DIR) {
    const dir = resolve(env.DUTYCLAIMS_PACT_DIR);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      problems.push(
        `DUTYCLAIMS_PACT_DIR: ${dir} is not a directory. Point it at the folder your pact files were written to, or unset it.`,
      );
    }
  }
  const out = resolve(env.DUTYCLAIMS_OUT_DIR);
  if (existsSync(out) && !statSync(out).isDirectory()) {
    problems.push(
      `DUTYCLAIMS_OUT_DIR (--out): ${out} exists and is not a directory. Choose a directory for the launch packet.`,
    );
  }
}

/**
 * Reads and validates the harness settings from environment variables. Throws HarnessConfigError
 * listing every problem at once, so a partner fixes their CI in one pass.
 */
export function loadHarnessConfig(source: Readonly<Record<string, string | undefined>> = process.env): HarnessConfig {
  const parsed = HarnessEnv.safeParse(source);
  if (!parsed.success) {
    throw new HarnessConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`),
    );
  }
  const env = parsed.data;
  const problems: string[] = [];
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
    waitTimeoutMs: env.DUTYCLAIMS_WAIT_TIMEOUT_MS,
    outDir: resolve(env.DUTYCLAIMS_OUT_DIR),
  };
}
