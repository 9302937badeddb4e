import { routes } from '../../contract/index.js';
import { type Check, check, gateResult, pass } from '../../gates/gate-result.js';
import type { GateResult } from '../../packet/schema.js';
import { answered, answerOf, exchange, type TrafficEvidence, unseen } from './traffic.js';

const describeSeen = (seen: ReadonlyMap<string, string | null>) =>
  [...seen.entries()]
    .map(([value, requestId]) => `${value} (first on ${requestId ?? 'an answer without a request id'})`)
    .join(', ');

/** Gate 1 from traffic: the partner organization read, and every answer's environment and contract hash. */
export function environmentGate(traffic: TrafficEvidence): GateResult {
  const { facts, target, pinnedHash } = traffic;
  const read = answered(traffic, 'getPartnerOrganization')[0];
  const body = answerOf(traffic, read)?.body as { environment?: unknown; contract?: { hash?: unknown } } | undefined;
  const environments = [...facts.environments.keys()];
  const hashes = [...facts.contractHashes.keys()];
  const checks: Check[] = [
    read
      ? pass('partner organization read', `Read as ${read.requestId}.`)
      : unseen(
          'partner organization read',
          'GET /v1/partner-organizations/{partnerOrgId}',
          'Have your flow read it first (step 1 of the dry run).',
        ),
    ...(read && body
      ? [
          check(
            'environment is the intended one',
            body.environment === target,
            `The provider reports ${target}.`,
            `The partner organization reports environment ${String(body.environment)}, not ${target}: point your base URL at the ${target} host.`,
          ),
          check(
            'contract hash matches the pin',
            body.contract?.hash === pinnedHash,
            `Served hash ${pinnedHash} is the pin.`,
            `The provider serves contract ${String(body.contract?.hash)}, the pin is ${pinnedHash}: regenerate your artifacts from the served contract.`,
          ),
        ]
      : []),
    check(
      'environment header agrees',
      environments.every((e) => e === target) && facts.withoutEnvironment === 0 && environments.length > 0,
      `All ${facts.forwarded} provider answers said ${target}.`,
      `The provider's answers said ${describeSeen(facts.environments) || 'nothing'}${facts.withoutEnvironment > 0 ? `; ${facts.withoutEnvironment} answer(s) carried no DutyClaims-Environment` : ''}, the target is ${target}.`,
    ),
    check(
      'contract hash header agrees',
      hashes.length > 0 && hashes.every((h) => h === pinnedHash),
      `All answers carried contract hash ${pinnedHash}.`,
      `The answers carried contract hash ${describeSeen(facts.contractHashes) || 'none'}, the pin is ${pinnedHash}.`,
    ),
  ];
  return gateResult('environment-and-contract-pin', {
    checks,
    evidence: [
      { label: 'upstream', value: `${traffic.upstream.baseUrl} (reports ${traffic.upstream.environment})` },
      ...(read ? [exchange('partner organization read', read)] : []),
    ],
    requestIds: read ? [read.requestId] : [],
  });
}

const REFUSED = new Set([
  'credential_shape_not_accepted',
  'credential_wrong_environment',
  'credential_missing',
  'credential_invalid',
]);

/** Gate 2 from traffic: the credential shape on every route family, an authenticated read, the owners. */
export function credentialGate(traffic: TrafficEvidence): GateResult {
  const { journal, target, owners } = traffic;
  const expected = target === 'production' ? ['dc_live_'] : ['dc_test_', 'dc_oat_'];
  const bearer = journal.filter(
    (e) => e.operationId !== null && e.operationId !== 'health' && e.operationId !== 'createOAuthToken',
  );
  const wrong = bearer.filter(
    (e) => e.credentialPrefix === null || !expected.some((p) => e.credentialPrefix?.startsWith(p)),
  );
  const read = bearer.find(
    (e) => e.method === 'GET' && e.credentialPrefix !== null && e.status !== null && e.status < 300,
  );
  const families = new Map<string, typeof journal>();
  for (const entry of bearer) {
    const family = Object.values(routes).find((r) => r.operationId === entry.operationId)?.family;
    if (family) families.set(family, [...(families.get(family) ?? []), entry]);
  }
  const checks: Check[] = [
    check(
      'credential fits the target environment',
      bearer.length > 0 && wrong.length === 0,
      `Every request carried a ${expected.join(' or ')} credential.`,
      bearer.length === 0
        ? 'No authenticated request went through the proxy.'
        : `${wrong.length} request(s) carried ${[...new Set(wrong.map((e) => e.credentialPrefix ?? 'no credential'))].join(', ')} on ${target} (e.g. ${wrong[0]?.requestId}): use a ${expected.join(' or ')} credential.`,
    ),
    read
      ? pass('authenticated read', `${read.method} ${read.path} answered ${read.status} (${read.requestId}).`)
      : unseen(
          'authenticated read',
          'a successful authenticated read',
          'Read the partner organization with your credential.',
        ),
    ...(target === 'production'
      ? [
          check(
            'not sandbox OAuth on production',
            !bearer.some((e) => e.credentialPrefix?.startsWith('dc_oat_')),
            'No OAuth access token was sent to production.',
            'A sandbox OAuth access token was sent to production: use the dc_live_ API key.',
          ),
        ]
      : []),
    ...[...families].map(([family, entries]) => {
      // A fault the proxy answered (e.g. a revoked key it simulated) is not the provider's word on the credential.
      const refused = entries.filter((e) => e.fault === null && e.errorCode !== null && REFUSED.has(e.errorCode));
      return check(
        `${family}: credential shape accepted`,
        refused.length === 0,
        `${entries.length} request(s), none refused for the credential.`,
        `Refused ${refused.map((e) => `${e.errorCode} (${e.requestId})`).join(', ')}: use the credential shape the family publishes.`,
      );
    }),
    check(
      'rotation owner recorded',
      owners.credentialRotation !== null,
      `Owner: ${owners.credentialRotation}.`,
      'No credential rotation owner: set DUTYCLAIMS_ROTATION_OWNER.',
    ),
    check(
      'secret storage recorded',
      owners.secretStorage !== null,
      `Stored in: ${owners.secretStorage}.`,
      'No secret storage location: set DUTYCLAIMS_SECRET_STORAGE.',
    ),
  ];
  return gateResult('credential-and-header-discipline', {
    checks,
    evidence: [
      {
        label: 'credential prefixes seen',
        value: [...new Set(bearer.map((e) => e.credentialPrefix ?? 'none'))].join(', ') || 'none',
      },
      ...(read ? [exchange('authenticated read', read)] : []),
    ],
    requestIds: read ? [read.requestId] : [],
  });
}
