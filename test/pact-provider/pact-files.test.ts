import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_PIN, compilePath, type RouteName, routes } from '../../harness/contract/index.js';
import { DEFAULT_PACT_CONSUMER_NAME, PACT_PLACEHOLDERS, PACT_PROVIDER_NAME } from '../../harness/pact/index.js';
import { derivePersonas } from '../../harness/reference-mock/index.js';
import { PACT_DIR } from '../pact/pact-dir.js';

interface PactInteraction {
  description: string;
  providerStates?: { name: string; params?: Record<string, unknown> }[];
  request: { method: string; path: string; headers?: Record<string, string[]> };
  response: { status: number; headers?: Record<string, string[]>; body?: { content?: { error?: { code?: string } } } };
}
interface PactFile {
  consumer: { name: string };
  provider: { name: string };
  metadata: { dutyclaims?: { contractHash?: string; contractVersion?: string } };
  interactions: PactInteraction[];
}

/** Each route the golden path and the gates use, and each error branch partners must handle. */
const REQUIRED: readonly [RouteName, number, string | null][] = [
  ['health', 200, null],
  ['createOAuthToken', 200, null],
  ['getPartnerOrganization', 200, null],
  ['getCapabilities', 200, null],
  ['createWebhookEndpoint', 201, null],
  ['getWebhookEndpoint', 200, null],
  ['rotateWebhookSecret', 200, null],
  ['disableWebhookEndpoint', 200, null],
  ['sendSandboxWebhookTest', 202, null],
  ['listWebhookDeliveries', 200, null],
  ['createClient', 201, null],
  ['createClient', 409, 'client_already_exists'],
  ['getClientAuthority', 200, null],
  ['createClaim', 202, null],
  ['getClaimStatus', 200, null],
  ['getPartnerOrganization', 401, 'credential_invalid'],
  ['createClient', 403, 'insufficient_scope'],
  ['getClaimStatus', 404, 'resource_not_found'],
  ['createClaim', 409, 'idempotency_key_reused'],
  ['createClaim', 409, 'authority_not_granted'],
  ['createClient', 422, 'validation_failed'],
  ['getClaimStatus', 429, 'rate_limited'],
];

const routeOf = (interaction: PactInteraction): RouteName | undefined =>
  (Object.keys(routes) as RouteName[]).find(
    (name) =>
      routes[name].method === interaction.request.method &&
      compilePath(routes[name].path).match(interaction.request.path) !== null,
  );

describe('the pact files the consumer tests wrote', () => {
  let text: string;
  let pact: PactFile;

  beforeAll(async () => {
    const files = (await readdir(PACT_DIR)).filter((name) => name.endsWith('.json'));
    expect(files, `run the pact-consumer project first: no pact in ${PACT_DIR}`).toEqual([
      `${DEFAULT_PACT_CONSUMER_NAME}-${PACT_PROVIDER_NAME}.json`,
    ]);
    text = await readFile(join(PACT_DIR, files[0] ?? ''), 'utf8');
    pact = JSON.parse(text) as PactFile;
  });

  it('name the consumer and DutyClaims and pin the contract hash and version in metadata.dutyclaims', () => {
    expect(pact.consumer.name).toBe(DEFAULT_PACT_CONSUMER_NAME);
    expect(pact.provider.name).toBe(PACT_PROVIDER_NAME);
    expect(pact.metadata.dutyclaims).toEqual({
      contractHash: CONTRACT_PIN.hash,
      contractVersion: CONTRACT_PIN.version,
    });
  });

  it.each(REQUIRED)('cover %s answering %i %s', (route, status, code) => {
    const found = pact.interactions.filter(
      (interaction) =>
        routeOf(interaction) === route &&
        interaction.response.status === status &&
        (code === null || interaction.response.body?.content?.error?.code === code),
    );
    expect(found.length, `${route} ${status} ${code ?? ''}`).toBeGreaterThan(0);
    for (const interaction of found) expect(interaction.providerStates?.length ?? 0).toBeGreaterThan(0);
  });

  it('cover the idempotent replay with Idempotent-Replayed: true', () => {
    const replay = pact.interactions.find(
      (interaction) =>
        routeOf(interaction) === 'createClaim' && interaction.response.headers?.['Idempotent-Replayed']?.[0] === 'true',
    );
    expect(replay?.providerStates?.[0]?.params).toMatchObject({ idempotencyKey: expect.any(String) });
  });

  it('send Retry-After with the 429', () => {
    const limited = pact.interactions.find((interaction) => interaction.response.status === 429);
    expect(limited?.response.headers?.['Retry-After']).toEqual([expect.stringMatching(/^[0-9]+$/)]);
  });

  it('carry placeholder credentials only, never a real one', () => {
    const personas = derivePersonas('dutyclaims-reference-mock');
    for (const secret of [
      personas.sandbox.apiKey,
      personas.sandbox.readOnlyApiKey,
      personas.sandbox.oauthClient.clientSecret,
    ])
      expect(text).not.toContain(secret);
    const authorizations = new Set(
      pact.interactions.flatMap((interaction) => interaction.request.headers?.Authorization ?? []),
    );
    expect([...authorizations].sort()).toEqual(
      [PACT_PLACEHOLDERS.apiKey, PACT_PLACEHOLDERS.readOnlyApiKey, PACT_PLACEHOLDERS.unknownApiKey]
        .map((key) => `Bearer ${key}`)
        .sort(),
    );
  });
});
