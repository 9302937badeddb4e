import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { createDutyClaimsClient } from '../client/client.js';
import { CreateClaimRequest } from '../contract/schemas/claims.js';
import { ExternalRef } from '../contract/schemas/clients.js';
import type { ReferenceMockControl } from '../reference-mock/control-client.js';
import type { Personas } from '../reference-mock/personas.js';
import { ProviderStates } from './provider-states.js';
import type { ProviderCredentials } from './request-filter.js';
import type { ProviderStateSetup, StateValues } from './state-handlers.js';

/** What the reference mock's state handlers need. */
export interface ReferenceMockStateOptions {
  readonly baseUrl: string;
  readonly control: ReferenceMockControl;
  readonly personas: Personas;
  readonly environment: 'sandbox' | 'production';
  /** A loopback receiver that answers 2xx, for endpoints whose deliveries must succeed. */
  readonly webhookUrl: string;
}

const externalRefParams = z.object({ externalRef: ExternalRef });
const endpointParams = z.object({ description: z.string().max(200).optional() });
const submittedParams = CreateClaimRequest.omit({ clientId: true }).extend({
  externalRef: ExternalRef,
  idempotencyKey: z.string().min(1).max(255),
});
const EVENT_TYPES = ['claim.status_changed', 'sandbox.test'] as const;
const apiKeyParams = z.object({ name: z.string().min(1).max(100) });
const rateLimitParams = z.object({ retryAfterSeconds: z.number().int().min(0).max(86_400) });

/** The credentials the reference mock's personas hold for its environment. */
export function referenceMockCredentials(
  personas: Personas,
  environment: 'sandbox' | 'production',
): ProviderCredentials {
  const persona = personas[environment];
  return {
    apiKey: persona.apiKey,
    readOnlyApiKey: persona.readOnlyApiKey,
    ...(environment === 'sandbox' ? { oauthClient: personas.sandbox.oauthClient } : {}),
  };
}

/**
 * Provider states of the reference mock, set up through its control plane and ordinary API calls
 * with the persona's credential. Each interaction starts from a reset mock.
 */
export function createReferenceMockStateSetup(
  options: ReferenceMockStateOptions,
): ProviderStateSetup & AsyncDisposable {
  const { control, personas, environment, webhookUrl } = options;
  const persona = personas[environment];
  const client = createDutyClaimsClient({
    baseUrl: options.baseUrl,
    credential: { apiKey: persona.apiKey },
    retry: { maxAttempts: 1 },
  });

  const createClient = async (params: unknown, authority: 'immediate' | 'never'): Promise<string> => {
    const { externalRef } = externalRefParams.parse(params);
    await control.setAuthorityRule({ mode: authority });
    const { data } = await client.createClient({ externalRef, name: 'Pact provider state client', country: 'GB' });
    return data.id;
  };
  const createEndpoint = async (params?: unknown): Promise<string> => {
    const { description } = endpointParams.parse(params ?? {});
    const body = { url: webhookUrl, eventTypes: [...EVENT_TYPES] };
    const { data } = await client.createWebhookEndpoint(description === undefined ? body : { ...body, description });
    return data.id;
  };
  const none = async (): Promise<undefined> => undefined;

  const stateHandlers: Record<string, (params?: unknown) => Promise<StateValues | undefined>> = {
    [ProviderStates.apiUp]: none,
    [ProviderStates.partnerOrganizationExists]: async () => ({ partnerOrgId: persona.partnerOrgId }),
    [ProviderStates.webhookReceiverAccepted]: async () => ({ webhookUrl }),
    [ProviderStates.webhookEndpointExists]: async (params) => ({ endpointId: await createEndpoint(params) }),
    [ProviderStates.webhookDeliverySucceeded]: async () => {
      const endpointId = await createEndpoint();
      const { data } = await client.sendSandboxWebhookTest({ endpointId });
      for (let poll = 0; poll < 100; poll++) {
        const page = await client.listWebhookDeliveries({ endpointId });
        if (page.data.data.some((delivery) => delivery.id === data.deliveryId && delivery.status === 'succeeded'))
          return { endpointId };
        await sleep(20);
      }
      throw new Error(`The sandbox delivery ${data.deliveryId} did not succeed within 2 s; is the webhook sink up?`);
    },
    [ProviderStates.externalRefFree]: none,
    [ProviderStates.externalRefTaken]: async (params) => ({ clientId: await createClient(params, 'immediate') }),
    [ProviderStates.grantedClientExists]: async (params) => ({ clientId: await createClient(params, 'immediate') }),
    [ProviderStates.pendingClientExists]: async (params) => ({ clientId: await createClient(params, 'never') }),
    [ProviderStates.claimSubmittedWithKey]: async (params) => {
      const { externalRef, idempotencyKey, ...claim } = submittedParams.parse(params);
      const clientId = await createClient({ externalRef }, 'immediate');
      await client.createClaim({ clientId, ...claim }, { idempotencyKey });
      return { clientId };
    },
    [ProviderStates.claimExists]: async () => {
      const clientId = await createClient({ externalRef: 'pact-state-claim-owner' }, 'immediate');
      const { data } = await client.createClaim({
        clientId,
        claimType: 'duty_drawback',
        amount: { currency: 'GBP', value: '10.00' },
        reference: 'pact-state-claim',
      });
      return { claimId: data.id };
    },
    [ProviderStates.claimMissing]: none,
    [ProviderStates.credentialUnknown]: none,
    [ProviderStates.credentialLacksScope]: none,
    [ProviderStates.rateLimited]: async (params) => {
      const { retryAfterSeconds } = rateLimitParams.parse(params);
      await control.injectFault({ kind: 'rate_limit', count: 1, retryAfterSeconds });
      return undefined;
    },
    [ProviderStates.oauthClientExists]: none,
    [ProviderStates.apiKeyExists]: async (params) => {
      const { name } = apiKeyParams.parse(params);
      const { data } = await client.createApiKey(persona.partnerOrgId, { name, scopes: ['claims:read'] });
      return { partnerOrgId: persona.partnerOrgId, apiKeyId: data.id };
    },
    [ProviderStates.credentialRevoked]: async () => {
      // The mock's reset (before each state) undoes the revocation of a persona key.
      const { data } = await client.listApiKeys(persona.partnerOrgId);
      const prefix = persona.readOnlyApiKey.slice(0, 12);
      const key = data.data.find((candidate) => candidate.prefix === prefix);
      if (key === undefined) throw new Error(`No API key with prefix ${prefix} is listed; cannot revoke it.`);
      await client.revokeApiKey(persona.partnerOrgId, key.id, { graceSeconds: 0 });
      return undefined;
    },
  };
  const close = () => client.close();
  return { stateHandlers, beforeEach: () => control.reset(), [Symbol.asyncDispose]: close };
}
