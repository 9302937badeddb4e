import { createDutyClaimsClient } from '../client/client.js';
import type { CallResult } from '../client/metadata.js';
import type { ClientOptions } from '../client/options.js';
import type { Environment } from '../contract/schemas/common.js';
import { observe } from './outcome.js';
import type { CallRecorder } from './recorder.js';
import type { ResponseAudit } from './response-audit.js';
import type { RotationObservation, SwitchCall } from './rotation-observation.js';

/** What a rotation needs from the run. */
export interface RotationContext {
  readonly baseUrl: string;
  readonly partnerOrgId: string;
  readonly environment: Environment;
  /** The configured key: it issues and revokes the rehearsal's keys, and is never revoked itself. */
  readonly runKey: string;
  readonly runId: string;
  readonly clientOptions: Partial<Omit<ClientOptions, 'baseUrl' | 'credential' | 'environment' | 'onCall'>>;
  readonly recorder: CallRecorder;
  readonly audit: ResponseAudit;
  /** Secrets the run handled; the replacement key and the new signing secret are added. */
  readonly secrets: string[];
  /** Lets `ms` of provider time pass: the mock's clock, or a real wait. */
  readonly waitOut: (ms: number) => Promise<void>;
  readonly waitTimeoutMs: number;
}

/** Calls made on each side of the switch: enough that some are in flight when it happens. */
const CALLS_PER_SIDE = 4;
/** Past the grace's end, so a provider that rounds to the second has certainly ended it. */
const GRACE_MARGIN_MS = 2_000;

async function track(call: Promise<CallResult<unknown>>, afterSwitch: boolean): Promise<SwitchCall> {
  const outcome = await observe(call);
  const meta = outcome.meta;
  return {
    keyPrefix: meta?.credentialPrefix ?? null,
    afterSwitch,
    ok: outcome.ok,
    status: meta?.status ?? null,
    errorCode: outcome.ok ? null : outcome.error.code,
    requestId: meta?.requestId ?? null,
    attempts: meta?.attempts.length ?? 0,
  };
}

/**
 * Rotates an API key the way the checklist asks, on keys of its own so the configured key is never
 * revoked: issue the integration's key and, first, its replacement (the scopes the configured key
 * holds, no more); hand the replacement to the running client while calls are in flight; revoke the
 * old key with a grace; prove it works inside the grace and is refused (401, not retried) after it;
 * then revoke the replacement too, so the rehearsal leaves no key behind.
 */
export async function rotateApiKey(ctx: RotationContext, observation: RotationObservation): Promise<void> {
  const { partnerOrgId: orgId } = ctx;
  const common = {
    ...ctx.clientOptions,
    baseUrl: ctx.baseUrl,
    environment: ctx.environment,
    onCall: ctx.recorder.onCall,
    onResponse: ctx.audit.onResponse,
  };
  await using admin = createDutyClaimsClient({ ...common, credential: { apiKey: ctx.runKey } });
  ctx.recorder.step = 'key rotation';
  const capabilities = await observe(admin.getCapabilities(orgId));
  const scopes = capabilities.ok ? [...capabilities.value.credential.grantedScopes] : [];
  const issue = async (role: string) => {
    const created = await observe(admin.createApiKey(orgId, { name: `launch rehearsal ${ctx.runId} ${role}`, scopes }));
    if (created.ok) {
      ctx.secrets.push(created.value.key);
      ctx.audit.know(created.value.key, 'api_key');
    }
    return created;
  };
  const old = await issue('integration key');
  if (!old.ok) {
    observation.created = old;
    return;
  }
  const created = await issue('replacement');
  if (!created.ok) {
    observation.created = created;
    return;
  }
  observation.oldKeyPrefix = old.value.prefix;
  observation.newKeyPrefix = created.value.prefix;
  observation.created = {
    ok: true,
    meta: created.meta,
    value: { id: created.value.id, prefix: created.value.prefix, scopes: created.value.scopes },
  };
  let current = old.value.key;
  await using client = createDutyClaimsClient({ ...common, credential: { apiKeyProvider: () => current } });
  await using oldOnly = createDutyClaimsClient({ ...common, credential: { apiKey: old.value.key } });

  // Each call asks the provider for its key when it starts: these start on the old key and are still
  // in flight when the client is handed the new one.
  const read = (afterSwitch: boolean) => track(client.getPartnerOrganization(orgId), afterSwitch);
  const before = Array.from({ length: CALLS_PER_SIDE }, () => read(false));
  current = created.value.key;
  const after = Array.from({ length: CALLS_PER_SIDE }, () => read(true));
  observation.switchCalls = await Promise.all([...before, ...after]);

  const revoke = await observe(admin.revokeApiKey(orgId, old.value.id, { graceSeconds: observation.graceSeconds }));
  observation.revoke = revoke.ok
    ? {
        ok: true,
        meta: revoke.meta,
        value: { status: revoke.value.status, graceEndsAt: revoke.value.graceEndsAt ?? null },
      }
    : revoke;
  if (revoke.ok) {
    observation.insideGrace = await track(oldOnly.getPartnerOrganization(orgId), false);
    await ctx.waitOut(observation.graceSeconds * 1000 + GRACE_MARGIN_MS);
    observation.afterGrace = await track(oldOnly.getPartnerOrganization(orgId), false);
    observation.switchCalls.push(await read(true));
  }
  // Best effort: a rehearsal key left behind expires with its revocation, never with the configured key.
  await admin.revokeApiKey(orgId, created.value.id, { graceSeconds: 0 }).catch(() => undefined);
}
