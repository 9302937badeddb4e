import { createDutyClaimsClient, type DutyClaimsClient } from '../client/client.js';
import { credentialPrefix } from '../client/credentials.js';
import type { CallResult } from '../client/metadata.js';
import type { ClientOptions } from '../client/options.js';
import type { Environment } from '../contract/schemas/common.js';
import type { Outcome } from './observations.js';
import { observe } from './outcome.js';
import type { CallRecorder } from './recorder.js';
import type { ResponseAudit } from './response-audit.js';
import type { RotationObservation, SwitchCall } from './rotation-observation.js';

/** What a rotation needs from the run. */
export interface RotationContext {
  readonly baseUrl: string;
  readonly partnerOrgId: string;
  readonly environment: Environment;
  readonly oldKey: string;
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
 * Rotates the run's API key the way the checklist asks: create the replacement first (the scopes the
 * old key holds, no more), hand it to the running client while calls are in flight, revoke the old
 * key with a grace, prove the old key works inside the grace and is refused (401, not retried) after it.
 * Returns the replacement key once created.
 */
export async function rotateApiKey(ctx: RotationContext, observation: RotationObservation): Promise<string | null> {
  const { partnerOrgId: orgId } = ctx;
  let current = ctx.oldKey;
  const common = {
    ...ctx.clientOptions,
    baseUrl: ctx.baseUrl,
    environment: ctx.environment,
    onCall: ctx.recorder.onCall,
    onResponse: ctx.audit.onResponse,
  };
  await using client = createDutyClaimsClient({ ...common, credential: { apiKeyProvider: () => current } });
  await using oldOnly = createDutyClaimsClient({ ...common, credential: { apiKey: ctx.oldKey } });
  ctx.recorder.step = 'key rotation';

  const capabilities = await observe(client.getCapabilities(orgId));
  const scopes = capabilities.ok ? capabilities.value.credential.grantedScopes : [];
  const created = await observe(
    client.createApiKey(orgId, { name: `launch rehearsal ${ctx.runId} replacement`, scopes: [...scopes] }),
  );
  if (!created.ok) {
    observation.created = created;
    return null;
  }
  const { key, id, prefix } = created.value;
  ctx.secrets.push(key);
  ctx.audit.know(key, 'api_key');
  observation.created = { ok: true, meta: created.meta, value: { id, prefix, scopes: created.value.scopes } };
  observation.newKeyPrefix = prefix;

  // Each call asks the provider for its key when it starts: these start on the old key and are still
  // in flight when the client is handed the new one.
  const read = (afterSwitch: boolean) => track(client.getPartnerOrganization(orgId), afterSwitch);
  const before = Array.from({ length: CALLS_PER_SIDE }, () => read(false));
  current = key;
  const after = Array.from({ length: CALLS_PER_SIDE }, () => read(true));
  observation.switchCalls = await Promise.all([...before, ...after]);

  const oldId = await findKeyId(client, orgId, credentialPrefix(ctx.oldKey), id);
  if (typeof oldId !== 'string') {
    observation.revoke = oldId;
    return key;
  }
  const revoke = await observe(client.revokeApiKey(orgId, oldId, { graceSeconds: observation.graceSeconds }));
  observation.revoke = revoke.ok
    ? {
        ok: true,
        meta: revoke.meta,
        value: { status: revoke.value.status, graceEndsAt: revoke.value.graceEndsAt ?? null },
      }
    : revoke;
  if (!revoke.ok) return key;
  observation.insideGrace = await track(oldOnly.getPartnerOrganization(orgId), false);
  await ctx.waitOut(observation.graceSeconds * 1000 + GRACE_MARGIN_MS);
  observation.afterGrace = await track(oldOnly.getPartnerOrganization(orgId), false);
  observation.switchCalls.push(await read(true));
  return key;
}

/** The id of the listed key with `prefix` (not the replacement), or the failure to revoke it. */
async function findKeyId(
  client: DutyClaimsClient,
  orgId: string,
  prefix: string,
  replacementId: string,
): Promise<string | Outcome<never>> {
  const listed = await observe(client.listApiKeys(orgId));
  if (!listed.ok) return listed;
  const match = listed.value.data.find((item) => item.prefix === prefix && item.id !== replacementId);
  if (match) return match.id;
  const message = `The key listing shows no key starting ${prefix} besides the replacement, so the old key cannot be revoked by id. Check that the run's key belongs to partner organization ${orgId}.`;
  return { ok: false, error: { name: 'RotationError', code: 'old_key_not_listed', message }, meta: listed.meta };
}
