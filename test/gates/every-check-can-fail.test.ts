import { describe, expect, it } from 'vitest';
import { catalogCheckOf, GATE_CHECKS, type GateId } from '../../harness/gates/index.js';
import type { LaunchPacket } from '../../harness/packet/index.js';
import { gateOf, type MisbehavingRun, paths, rehearseAgainst, rewriteJson } from '../support/misbehaving-provider.js';
import { gatewayReserialisingDeliveries, partnerReceiverAnswering } from '../support/misbehaving-receivers.js';
import {
  authorityNever,
  capabilities,
  createClient,
  family,
  fault,
  noRequestIdOnClaimWrites,
  onClaimWrite,
  stalePact,
  withoutOwner,
} from '../support/provider-misbehaviours.js';
import {
  receiverKnowsOnlyTheOldSecret,
  replacementKeyRefused,
  revocationGrace,
} from '../support/rotation-misbehaviours.js';

/** A provider (or the path to it) that misbehaves so that one catalogued check fails. */
interface FailingCase {
  readonly misbehaviour: string;
  /** The exact check name, for catalogue entries with a placeholder (`{family}: published`). */
  readonly check?: string;
  /** Other checks of the same gate this misbehaviour must fail too. */
  readonly alsoFails?: readonly string[];
  readonly run: () => Promise<LaunchPacket>;
}

const packetOf = async (run: MisbehavingRun) => (await rehearseAgainst(run)).packet;

/** Every catalogued check of every gate, and the misbehaving provider that makes it fail. */
const FAILING: { readonly [G in GateId]: Record<(typeof GATE_CHECKS)[G][number], FailingCase> } = {
  'environment-and-contract-pin': {
    'partner organization read': {
      misbehaviour: 'the partner organization read answers 404',
      run: () => packetOf({ before: fault('getPartnerOrganization') }),
    },
    'partner org matches': {
      misbehaviour: 'the provider answers with another partner organization',
      run: () =>
        packetOf({
          proxy: () => ({
            rewriteResponseBody: rewriteJson(paths.partnerOrg, (body) => ({ ...body, id: `porg_${'z'.repeat(20)}` })),
          }),
        }),
    },
    'environment is the intended one': {
      misbehaviour: 'a sandbox run reaches a host whose step-1 answer reports production',
      run: () =>
        packetOf({
          target: 'sandbox',
          proxy: () => ({
            rewriteResponseBody: rewriteJson(paths.partnerOrg, (body) => ({ ...body, environment: 'production' })),
          }),
        }),
    },
    'environment header agrees': {
      misbehaviour: 'the step-1 answer carries no DutyClaims-Environment header',
      run: () =>
        packetOf({
          proxy: () => ({
            rewriteResponseHeaders: (path, headers) => {
              if (paths.partnerOrg(path)) delete headers['dutyclaims-environment'];
              return headers;
            },
          }),
        }),
    },
    'contract hash matches the pin': {
      misbehaviour: 'the provider serves another contract hash',
      run: () => packetOf({ mock: { contractHash: '0123456789abcdef' } }),
    },
    'contract hash header agrees': {
      misbehaviour: 'the step-1 answer carries no DutyClaims-Contract-Hash header',
      run: () =>
        packetOf({
          proxy: () => ({
            rewriteResponseHeaders: (path, headers) => {
              if (paths.partnerOrg(path)) delete headers['dutyclaims-contract-hash'];
              return headers;
            },
          }),
        }),
    },
    'pact {path} pinned to the served contract': {
      misbehaviour: 'the provider serves another contract than the pact files were written against',
      check: `pact ${stalePact.file} pinned to the served contract`,
      run: () => packetOf({ env: { DUTYCLAIMS_PACT_DIR: stalePact.dir } }),
    },
  },
  'credential-and-header-discipline': {
    'credential fits the target environment': {
      misbehaviour: 'a production run is given a sandbox key',
      run: () => packetOf({ target: 'production', apiKey: (personas) => personas.sandbox.apiKey }),
    },
    'authenticated read': {
      misbehaviour: 'the capabilities read answers 404',
      run: () => packetOf({ before: fault('getCapabilities') }),
    },
    'not sandbox OAuth on production': {
      misbehaviour: 'production reports the calling credential as OAuth client credentials',
      run: () =>
        packetOf({
          target: 'production',
          proxy: capabilities((body) => {
            body.credential.shape = 'oauth_client_credentials';
          }),
        }),
    },
    '{family}: published': {
      misbehaviour: 'the capabilities route leaves out the claims family',
      check: 'claims: published',
      run: () =>
        packetOf({
          proxy: capabilities((body) => {
            body.routeFamilies = body.routeFamilies.filter((item) => item.family !== 'claims');
          }),
        }),
    },
    '{family}: credential shape accepted': {
      misbehaviour: 'claims publishes only the live key shape in sandbox',
      check: 'claims: credential shape accepted',
      run: () =>
        packetOf({
          proxy: capabilities((body) => {
            family(body, 'claims').credentialShapes = ['api_key_live'];
          }),
        }),
    },
    '{family}: scopes granted': {
      misbehaviour: 'the credential is granted everything but claims:write',
      check: 'claims: scopes granted',
      run: () =>
        packetOf({
          proxy: capabilities((body) => {
            body.credential.grantedScopes = body.credential.grantedScopes.filter((scope) => scope !== 'claims:write');
          }),
        }),
    },
    '{family}: shippable availability': {
      misbehaviour: 'claims is provider-gated and clients manual-only',
      check: 'claims: shippable availability',
      alsoFails: ['clients: shippable availability'],
      run: () =>
        packetOf({
          proxy: capabilities((body) => {
            family(body, 'claims').availability = 'provider_gated';
            family(body, 'clients').availability = 'manual_only';
          }),
        }),
    },
    'no scope beyond the need': {
      misbehaviour: 'the credential holds clients scopes the declared route families do not need',
      run: () => packetOf({ env: { DUTYCLAIMS_ROUTE_FAMILIES: 'partner-organizations,webhooks,claims' } }),
    },
    'no credential in provider responses': {
      misbehaviour: 'the capabilities answer echoes the API key',
      run: () =>
        packetOf({
          proxy: (mock) => ({
            rewriteResponseBody: rewriteJson(paths.capabilities, (body) => ({
              ...body,
              debug: `Bearer ${mock.personas.sandbox.apiKey}`,
            })),
          }),
        }),
    },
    'rotation owner recorded': {
      misbehaviour: 'no credential rotation owner is recorded',
      run: () => packetOf({ config: withoutOwner('credentialRotation') }),
    },
    'secret storage recorded': {
      misbehaviour: 'no secret-storage location is recorded',
      run: () => packetOf({ config: withoutOwner('secretStorage') }),
    },
    'key rotation: no failed call across the switch': {
      misbehaviour: 'the provider hands out a replacement key it does not accept',
      run: () => packetOf(replacementKeyRefused),
    },
    'key rotation: old key accepted inside the grace': {
      misbehaviour: 'the provider revokes the old key at once, whatever grace was asked for',
      run: () => packetOf(revocationGrace(0)),
    },
    'key rotation: old key refused after the grace': {
      misbehaviour: 'the provider keeps the revoked key working for 24 h instead of the grace asked for',
      run: () => packetOf(revocationGrace(86_400)),
    },
    'secret rotation: every overlap delivery accepted': {
      misbehaviour: 'the receiver only ever knows the old signing secret',
      run: () => packetOf(receiverKnowsOnlyTheOldSecret),
    },
  },
  'traceability-and-idempotency': {
    'claim write': {
      misbehaviour: 'the claim write answers 404',
      run: () => packetOf({ before: fault('createClaim') }),
    },
    'Idempotency-Key sent': {
      misbehaviour: 'a proxy strips Idempotency-Key from writes',
      run: () => packetOf({ proxy: () => ({ dropRequestHeaders: ['idempotency-key'] }) }),
    },
    'X-Correlation-Id sent': {
      misbehaviour: 'a proxy strips X-Correlation-Id, so the provider answers with its own',
      run: () => packetOf({ proxy: () => ({ dropRequestHeaders: ['x-correlation-id'] }) }),
    },
    'requestId captured': {
      misbehaviour: 'the claim write answers without X-Request-Id',
      run: () => packetOf({ proxy: noRequestIdOnClaimWrites }),
    },
    'replay returns the same claim': {
      misbehaviour: 'the replay with the same key returns a different claim id',
      run: () =>
        packetOf({
          proxy: onClaimWrite(2, {
            body: (body) => JSON.stringify({ ...JSON.parse(body), id: `clm_${'d'.repeat(20)}` }),
          }),
        }),
    },
    'replay is marked as replayed': {
      misbehaviour: 'the replay answers Idempotent-Replayed: false',
      run: () =>
        packetOf({
          proxy: onClaimWrite(2, {
            headers: (headers) => {
              headers['idempotent-replayed'] = 'false';
            },
          }),
        }),
    },
  },
  'webhook-readiness': {
    'endpoint registered': {
      misbehaviour: 'the endpoint registration answers 404',
      run: () => packetOf({ before: fault('createWebhookEndpoint') }),
    },
    'secret shown only once': {
      misbehaviour: 'GET /v1/webhooks/endpoints/{id} returns the full whsec_ secret (a field the schema strips)',
      run: () => {
        let secret = '';
        return packetOf({
          proxy: () => ({
            rewriteResponseBody: (path, body, { method, status }) => {
              if (path === '/v1/webhooks/endpoints' && method === 'POST' && status < 300)
                secret = (JSON.parse(body) as { secret: string }).secret;
              if (paths.endpoint(path, method) && status < 300) return JSON.stringify({ ...JSON.parse(body), secret });
              return body;
            },
          }),
        });
      },
    },
    'synthetic delivery sent': {
      misbehaviour: 'the synthetic delivery request answers 404',
      run: () => packetOf({ before: fault('sendSandboxWebhookTest') }),
    },
    'delivery received': {
      misbehaviour: 'the provider delivers to a URL where nothing listens',
      run: () =>
        packetOf({
          env: { DUTYCLAIMS_WEBHOOK_PUBLIC_URL: 'http://127.0.0.1:9/nowhere', DUTYCLAIMS_WAIT_TIMEOUT_MS: '500' },
        }),
    },
    'verified against the raw body': {
      misbehaviour: 'a gateway re-serialises the delivery body, so the signature no longer matches',
      run: gatewayReserialisingDeliveries,
    },
    'routed only after verification': {
      misbehaviour: 'a gateway re-serialises the delivery body: the unverified event must not be routed',
      run: gatewayReserialisingDeliveries,
    },
    'delivery acknowledged by your receiver': {
      misbehaviour: "the partner's own receiver answers 500 to every delivery",
      run: () => partnerReceiverAnswering(500),
    },
  },
  'golden-path-rehearsal': {
    'dry-run sequence ran in order': {
      misbehaviour: 'authority is never granted, so step 5 stops the dry run',
      run: () => packetOf(authorityNever),
    },
    'client created or linked': {
      misbehaviour: 'the client exists and the 409 answer names no resourceId to link to',
      run: () =>
        packetOf({
          env: { DUTYCLAIMS_CLIENT_EXTERNAL_REF: 'acme-existing' },
          before: async (mock) => {
            await createClient(mock, 'acme-existing');
          },
          proxy: () => ({
            rewriteResponseBody: (path, body, { status }) => {
              if (path !== '/v1/clients' || status !== 409) return body;
              const parsed = JSON.parse(body) as { error: Record<string, unknown> };
              delete parsed.error.resourceId;
              return JSON.stringify(parsed);
            },
          }),
        }),
    },
    'authority granted before claim work': {
      misbehaviour: 'authority is never granted',
      run: () => packetOf(authorityNever),
    },
    'status read': {
      misbehaviour: 'the claim status read answers 404',
      run: () => packetOf({ before: fault('getClaimStatus') }),
    },
    'lifecycle reached a final state': {
      misbehaviour: 'status reads never report a final state',
      run: () =>
        packetOf({
          env: { DUTYCLAIMS_WAIT_TIMEOUT_MS: '500' },
          proxy: () => ({
            rewriteResponseBody: rewriteJson(paths.status, (body) => ({
              ...body,
              status: 'validating',
              terminal: false,
            })),
          }),
        }),
    },
    'deliveries agree with the status read': {
      misbehaviour: 'status reads say rejected while the verified deliveries say accepted',
      run: () =>
        packetOf({
          env: { DUTYCLAIMS_WAIT_TIMEOUT_MS: '2000' },
          proxy: () => ({
            rewriteResponseBody: (path, body) =>
              paths.status(path) ? body.replace('"status":"accepted"', '"status":"rejected"') : body,
          }),
        }),
    },
  },
  'support-and-rollback-packet': {
    'delivery log read back': {
      misbehaviour: 'the delivery log lists none of the deliveries the receiver saw',
      run: () =>
        packetOf({
          proxy: () => ({
            rewriteResponseBody: rewriteJson(paths.deliveries, () => ({ data: [], hasMore: false, nextCursor: null })),
          }),
        }),
    },
    'escalation template complete': {
      misbehaviour: 'the claim write answers without X-Request-Id, so the template has no request id',
      run: () => packetOf({ proxy: noRequestIdOnClaimWrites }),
    },
    'rollback owner recorded': {
      misbehaviour: 'no rollback owner is recorded',
      run: () => packetOf({ config: withoutOwner('rollback') }),
    },
    'rollback plan recorded': {
      misbehaviour: 'a production run is given no rollback plan',
      run: () => packetOf({ target: 'production', env: { DUTYCLAIMS_ROLLBACK_PLAN_FILE: '' } }),
    },
  },
};

const cases = (Object.entries(FAILING) as [GateId, Record<string, FailingCase>][]).flatMap(([gate, checks]) =>
  Object.entries(checks).map(([catalogued, failing]) => ({ gate, catalogued, failing })),
);

describe('every check of every gate can fail', { timeout: 90_000 }, () => {
  it('has a misbehaving provider for each check the gate catalogue lists, and no other', () => {
    for (const gate of Object.keys(GATE_CHECKS) as GateId[])
      expect(Object.keys(FAILING[gate]).sort(), gate).toEqual([...GATE_CHECKS[gate]].sort());
  });

  it.each(cases)('$gate: "$catalogued" fails when $failing.misbehaviour', async ({ gate, catalogued, failing }) => {
    const packet = await failing.run();
    const result = gateOf(packet, gate);
    const name = failing.check ?? catalogued;
    expect(catalogCheckOf(gate, name)).toBe(catalogued);
    for (const expected of [name, ...(failing.alsoFails ?? [])]) {
      const found = result.checks.find((item) => item.name === expected);
      expect(found, `${gate} reported ${result.checks.map((item) => item.name).join(', ')}`).toBeDefined();
      expect(found?.verdict, found?.detail).toBe('fail');
    }
    expect(result.verdict).toBe('fail');
    expect(packet.verdict).toBe('not_ready');
  });

  it('the client branch passes when the existing client is linked through the 409 resourceId', async () => {
    let existing = '';
    const packet = await packetOf({
      env: { DUTYCLAIMS_CLIENT_EXTERNAL_REF: 'acme-linked' },
      before: async (mock) => {
        existing = (await createClient(mock, 'acme-linked')).id;
      },
    });
    const linked = gateOf(packet, 'golden-path-rehearsal').checks.find(
      (item) => item.name === 'client created or linked',
    );
    expect(linked).toMatchObject({ verdict: 'pass', detail: `Client ${existing} (linked to the existing one).` });
    expect(packet.verdict).toBe('ready');
  });
});
