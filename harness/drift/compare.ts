import { Headers } from '../contract/headers.js';
import { routes } from '../contract/routes.js';
import type { DriftChange, ProviderSnapshot } from '../packet/monitor-schema.js';
import type { LaunchPacket } from '../packet/schema.js';
import { type CompareOptions, type ResolvedCompareOptions, resolveCompareOptions } from './options.js';

/** Response headers every answer of the contract carries: losing one breaks clients and support. */
const CONTRACT_RESPONSE_HEADERS = [
  Headers.requestId,
  Headers.correlationId,
  Headers.contractHash,
  Headers.environment,
  Headers.rateLimitLimit,
  Headers.rateLimitRemaining,
  Headers.rateLimitReset,
].map((name) => name.toLowerCase());

/** Route families whose every route is sandbox-only: production lacks them by design, not a parity gap. */
const SANDBOX_ONLY_FAMILIES = new Set(
  [...new Set(Object.values(routes).map((route) => route.family))].filter(
    (family): family is NonNullable<typeof family> =>
      family !== null && Object.values(routes).every((route) => route.family !== family || route.sandboxOnly),
  ),
);

/** Availabilities a partner can build on; moving away from them is a compatibility break. */
const USABLE = new Set(['ga', 'beta']);

const list = (values: readonly string[] | null | undefined) => (values == null ? null : [...values].sort().join(', '));

type Push = (field: string, before: string | null, after: string | null, stopsCutover: boolean, detail: string) => void;

function compareFamilies(
  before: ProviderSnapshot,
  after: ProviderSnapshot,
  options: ResolvedCompareOptions,
  push: Push,
) {
  if (before.families === null || after.families === null) {
    if (before.families !== after.families)
      push(
        'families',
        before.families === null ? null : 'read',
        after.families === null ? null : 'read',
        false,
        'Capabilities were read in only one run: route families were not compared.',
      );
    return;
  }
  for (const name of new Set([...Object.keys(before.families), ...Object.keys(after.families)])) {
    if (options.mode === 'parity' && SANDBOX_ONLY_FAMILIES.has(name as never)) continue;
    const was = before.families[name];
    const now = after.families[name];
    if (!now) {
      push(`families.${name}`, was?.availability ?? null, null, true, `The ${name} route family is no longer listed.`);
      continue;
    }
    if (!was) {
      push(`families.${name}`, null, now.availability, false, `The ${name} route family is newly listed.`);
      continue;
    }
    if (was.availability !== now.availability) {
      const lost = USABLE.has(was.availability) && !USABLE.has(now.availability);
      push(
        `families.${name}.availability`,
        was.availability,
        now.availability,
        lost,
        lost
          ? `The ${name} routes are no longer generally usable: a compatibility drift that stops the cutover.`
          : `The ${name} routes changed availability.`,
      );
    }
    if (list(was.requiredScopes) !== list(now.requiredScopes))
      push(
        `families.${name}.requiredScopes`,
        list(was.requiredScopes),
        list(now.requiredScopes),
        true,
        `Auth semantics of the ${name} routes changed.`,
      );
    if (options.mode === 'baseline' && list(was.credentialShapes) !== list(now.credentialShapes))
      push(
        `families.${name}.credentialShapes`,
        list(was.credentialShapes),
        list(now.credentialShapes),
        true,
        `The credentials the ${name} routes accept changed.`,
      );
  }
}

function compareSets(
  field: string,
  before: readonly string[],
  after: readonly string[],
  stops: (name: string) => boolean,
  push: Push,
) {
  const was = new Set(before);
  const now = new Set(after);
  for (const name of was)
    if (!now.has(name))
      push(
        `${field}.${name}`,
        'present',
        null,
        stops(name),
        stops(name) ? 'A header of the contract is missing.' : 'No longer seen.',
      );
  for (const name of now) if (!was.has(name)) push(`${field}.${name}`, null, 'present', false, 'Newly seen.');
}

function compareLatency(
  before: ProviderSnapshot,
  after: ProviderSnapshot,
  options: ResolvedCompareOptions,
  push: Push,
) {
  for (const key of ['p50Ms', 'p95Ms'] as const) {
    const was = before.latency[key];
    const now = after.latency[key];
    if (was === null || now === null) continue;
    if (now > was * options.latencyFactor && now - was > options.latencyMinMs)
      push(
        `latency.${key}`,
        `${was} ms`,
        `${now} ms`,
        false,
        `Latency regressed past ${options.latencyFactor}× and ${options.latencyMinMs} ms.`,
      );
  }
}

/** The verdict of a watch check in a packet, or null. */
const watchVerdict = (packet: LaunchPacket, id: string) =>
  packet.monitor?.checks.find((check) => check.id === id)?.verdict ?? null;

/**
 * Every difference between two packets that the checklist asks a team to watch: contract hash and version,
 * environment, per-family availability, credential shapes and scopes, granted scopes, response headers,
 * error codes, rate limits, latency and webhook delivery. `stopsCutover` marks contract, auth and
 * webhook-delivery drift (and a route family that stopped being usable). In parity mode the host,
 * environment and credentials are expected to differ and are not reported.
 * @example const changes = comparePackets(yesterday, today); if (changes.some((c) => c.stopsCutover)) process.exitCode = 1;
 */
export function comparePackets(before: LaunchPacket, after: LaunchPacket, options: CompareOptions = {}): DriftChange[] {
  const resolved = resolveCompareOptions(options);
  const changes: DriftChange[] = [];
  const push: Push = (field, was, now, stopsCutover, detail) =>
    changes.push({ field, before: was, after: now, stopsCutover, detail });
  const differ = (field: string, was: string | null, now: string | null, stops: boolean, detail: string) => {
    if (was !== now) push(field, was, now, stops, detail);
  };
  const parity = resolved.mode === 'parity';
  differ(
    'contract.servedHash',
    before.contract.servedHash,
    after.contract.servedHash,
    true,
    'The provider serves another contract.',
  );
  differ('contract.version', before.contract.version, after.contract.version, true, 'The contract version changed.');
  if (!parity) {
    differ(
      'target.environment',
      before.target.environment,
      after.target.environment,
      true,
      'The provider reports another environment.',
    );
    differ('target.host', before.target.host, after.target.host, false, 'The run went to another host.');
    differ(
      'credential.shape',
      before.credential.shape,
      after.credential.shape,
      true,
      'Auth semantics: another credential shape.',
    );
  }
  const was = before.snapshot;
  const now = after.snapshot;
  if (was === null || now === null) {
    push(
      'snapshot',
      was === null ? null : 'recorded',
      now === null ? null : 'recorded',
      false,
      'One packet has no provider snapshot (written by an older harness): families, headers, error codes, rate limits and latency were not compared.',
    );
  } else {
    compareFamilies(was, now, resolved, push);
    // Scopes are compared only when both runs read them; a run that did not is reported under `families`.
    if (!parity && was.grantedScopes !== null && now.grantedScopes !== null)
      differ(
        'grantedScopes',
        list(was.grantedScopes),
        list(now.grantedScopes),
        true,
        'Auth semantics: the credential holds other scopes.',
      );
    compareSets(
      'responseHeaders',
      was.responseHeaders,
      now.responseHeaders,
      (name) => CONTRACT_RESPONSE_HEADERS.includes(name),
      push,
    );
    compareSets('errorCodes', was.errorCodes, now.errorCodes, () => false, push);
    for (const route of new Set([...Object.keys(was.rateLimits), ...Object.keys(now.rateLimits)]))
      differ(
        `rateLimits.${route}`,
        was.rateLimits[route]?.toString() ?? null,
        now.rateLimits[route]?.toString() ?? null,
        false,
        'The rate limit changed.',
      );
    compareLatency(was, now, resolved, push);
  }
  const delivery = [watchVerdict(before, 'webhook-deliveries'), watchVerdict(after, 'webhook-deliveries')] as const;
  if (delivery[0] !== null && delivery[1] !== null && delivery[0] !== delivery[1])
    push(
      'watch.webhook-deliveries',
      delivery[0],
      delivery[1],
      delivery[1] === 'fail',
      'Webhook delivery health changed.',
    );
  return changes;
}
