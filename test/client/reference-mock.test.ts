import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CallRecord,
  createDutyClaimsClient,
  isCredentialEnvironmentError,
  isDutyClaimsApiError,
} from '../../harness/client/index.js';
import { CONTRACT_PIN } from '../../harness/contract/index.js';
import { type StartedReferenceMock, startReferenceMock } from '../../harness/reference-mock/index.js';
import { createHttpTestServer, type HttpTestServer } from '../support/create-http-test-server.js';

let mock: StartedReferenceMock;
let receiver: HttpTestServer;

beforeAll(async () => {
  mock = await startReferenceMock({ seed: 'client-golden-path' });
  receiver = await createHttpTestServer((_request, response) => {
    response.writeHead(204);
    response.end();
  });
});
afterAll(async () => {
  await mock.close();
  await receiver.close();
});

describe('every client method against the reference mock', () => {
  it('walks the golden path and parses every response with the contract schemas', async () => {
    const records: CallRecord[] = [];
    const { sandbox } = mock.personas;
    await using client = createDutyClaimsClient({
      baseUrl: mock.url,
      credential: { apiKey: sandbox.apiKey },
      environment: 'sandbox',
      onCall: (record) => records.push(record),
    });

    expect((await client.health()).data.status).toBe('ok');
    const org = await client.getPartnerOrganization(sandbox.partnerOrgId);
    expect(org.data.contract.hash).toBe(CONTRACT_PIN.hash);
    expect(org.meta).toMatchObject({ environment: 'sandbox', contractHash: CONTRACT_PIN.hash });
    expect(org.meta.rateLimit?.limit).toBeGreaterThan(0);
    const capabilities = await client.getCapabilities(sandbox.partnerOrgId);
    expect(capabilities.data.credential.prefix).toBe(
      sandbox.apiKey.slice(0, capabilities.data.credential.prefix.length),
    );

    const created = await client.createClient({ externalRef: 'golden-1', name: 'Harbour Imports', country: 'GB' });
    expect(created.meta.replayed).toBe(false);
    const replay = await client.createClient(
      { externalRef: 'golden-1', name: 'Harbour Imports', country: 'GB' },
      { idempotencyKey: created.meta.idempotencyKey ?? '' },
    );
    expect(replay.meta.replayed).toBe(true);
    expect(replay.data.id).toBe(created.data.id);
    expect((await client.getClientAuthority(created.data.id)).data.status).toBe('granted');

    const claim = await client.createClaim({
      clientId: created.data.id,
      claimType: 'overpayment_refund',
      amount: { currency: 'EUR', value: '99.99' },
      reference: 'golden-claim',
    });
    expect((await client.getClaimStatus(claim.data.id)).data.claimId).toBe(claim.data.id);

    const endpoint = await client.createWebhookEndpoint({ url: `${receiver.url}/hooks`, eventTypes: ['sandbox.test'] });
    expect(endpoint.data.secret).toMatch(/^whsec_/);
    expect((await client.getWebhookEndpoint(endpoint.data.id)).data.secretPrefix).toBe(
      endpoint.data.secret.slice(0, 12),
    );
    const rotated = await client.rotateWebhookSecret(endpoint.data.id);
    expect(rotated.data.secret).not.toBe(endpoint.data.secret);
    const sent = await client.sendSandboxWebhookTest({ endpointId: endpoint.data.id });
    await mock.control.advanceClock(0);

    const page = await client.listWebhookDeliveries({ endpointId: endpoint.data.id, limit: 1 });
    expect(page.data.data.map((delivery) => delivery.id)).toContain(sent.data.deliveryId);
    const all = [];
    for await (const delivery of client.iterateWebhookDeliveries({ limit: 1 })) all.push(delivery.id);
    expect(all).toContain(sent.data.deliveryId);

    expect(records.every((record) => record.ok)).toBe(true);
    expect(new Set(records.map((record) => record.meta.operationId))).toEqual(
      new Set([
        'health',
        'getPartnerOrganization',
        'getCapabilities',
        'createClient',
        'getClientAuthority',
        'createClaim',
        'getClaimStatus',
        'createWebhookEndpoint',
        'getWebhookEndpoint',
        'rotateWebhookSecret',
        'sendSandboxWebhookTest',
        'listWebhookDeliveries',
      ]),
    );
    expect(JSON.stringify(records)).not.toContain(sandbox.apiKey);
  });

  it('authenticates with the sandbox OAuth client, reporting the token prefix, never the secret', async () => {
    const { sandbox } = mock.personas;
    await using client = createDutyClaimsClient({
      baseUrl: mock.url,
      credential: { oauth: sandbox.oauthClient },
      environment: 'sandbox',
    });
    const { meta } = await client.getPartnerOrganization(sandbox.partnerOrgId);
    expect(meta.credentialPrefix).toMatch(/^dc_oat_/);
    const journal = await mock.control.journal();
    expect(journal.some((entry) => entry.operationId === 'createOAuthToken' && entry.status === 200)).toBe(true);
  });

  it('uses the production persona, and refuses a sandbox key for production before sending', async () => {
    await using production = await startReferenceMock({ seed: 'client-golden-path', environment: 'production' });
    const { sandbox } = production.personas;
    const refused = (() => {
      try {
        createDutyClaimsClient({
          baseUrl: production.url,
          credential: { apiKey: sandbox.apiKey },
          environment: 'production',
        });
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(isCredentialEnvironmentError(refused)).toBe(true);
    expect(await production.control.journal()).toEqual([]);

    // Without `environment` the client cannot know; the provider refuses the key instead.
    await using unchecked = createDutyClaimsClient({ baseUrl: production.url, credential: { apiKey: sandbox.apiKey } });
    const wrong = await unchecked.getPartnerOrganization(sandbox.partnerOrgId).catch((caught: unknown) => caught);
    expect(isDutyClaimsApiError(wrong) && wrong.code).toBe('credential_wrong_environment');

    await using live = createDutyClaimsClient({
      baseUrl: production.url,
      credential: { apiKey: production.personas.production.apiKey },
      environment: 'production',
    });
    const { data, meta } = await live.getPartnerOrganization(production.personas.production.partnerOrgId);
    expect(data.environment).toBe('production');
    expect(meta).toMatchObject({
      environment: 'production',
      credentialPrefix: production.personas.production.apiKey.slice(0, 12),
    });
  });
});
