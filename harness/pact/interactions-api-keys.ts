import { MatchersV3 } from '@pact-foundation/pact';
import { Headers } from '../contract/headers.js';
import { ApiKeyId, ApiKeyStatus, ApiKeyWithSecret } from '../contract/schemas/api-keys.js';
import { PartnerOrgId, Scope } from '../contract/schemas/common.js';
import { PactExamples } from './examples.js';
import { check, expectApiError } from './exercise.js';
import { type ConsumerInteraction, defineInteraction } from './interaction.js';
import { errorResponse, matching, timestampLike } from './matchers.js';
import { injected, ProviderStates } from './provider-states.js';

const { eachLike, fromProviderState, like } = MatchersV3;

const orgState = { name: ProviderStates.partnerOrganizationExists } as const;
const keyState = { name: ProviderStates.apiKeyExists, params: { name: 'pact rotation' } } as const;
const keysPath = (suffix = '') =>
  fromProviderState(
    `/v1/partner-organizations/${injected('partnerOrgId')}/api-keys${suffix}`,
    `/v1/partner-organizations/${PactExamples.partnerOrgId}/api-keys${suffix}`,
  );
const newKey = { name: 'pact replacement', scopes: ['claims:read', 'claims:write'] } as const;

/** What every listing of a key carries: its prefix, never the key. */
const keyFields = (status: 'active' | 'revoking') => ({
  id: matching(ApiKeyId, PactExamples.apiKeyId),
  partnerOrgId: matching(PartnerOrgId, PactExamples.partnerOrgId),
  name: like('pact rotation'),
  prefix: like(PactExamples.newApiKey.slice(0, 12)),
  scopes: eachLike(matching(Scope, 'claims:read')),
  status: matching(ApiKeyStatus, status),
  createdAt: timestampLike(),
});

/** Creating, listing and revoking API keys: the steps of a key rotation. */
export const apiKeyInteractions: readonly ConsumerInteraction[] = [
  defineInteraction({
    id: 'createApiKey.success',
    route: 'createApiKey',
    outcome: 'success',
    description: 'a creation of a replacement API key with the scopes it needs',
    states: [orgState],
    credential: 'apiKey',
    idempotencyKey: 'pact-create-api-key-0001',
    request: { path: keysPath(), json: newKey },
    response: {
      status: 201,
      headers: { [Headers.idempotentReplayed]: 'false' },
      body: {
        ...keyFields('active'),
        name: newKey.name,
        scopes: [...newKey.scopes],
        key: matching(ApiKeyWithSecret.shape.key, PactExamples.newApiKey),
      },
    },
    exercise: async (client) => {
      const { data } = await client.createApiKey(PactExamples.partnerOrgId, { ...newKey, scopes: [...newKey.scopes] });
      check(data.key.startsWith(data.prefix), 'The prefix is not the start of the key.');
      check(data.status === 'active', 'A new key is not active.');
    },
  }),
  defineInteraction({
    id: 'listApiKeys.success',
    route: 'listApiKeys',
    outcome: 'success',
    description: 'a listing of the API keys of the partner organization',
    states: [keyState],
    credential: 'apiKey',
    request: { path: keysPath() },
    response: { status: 200, body: { data: eachLike(keyFields('active')) } },
    exercise: async (client) => {
      const { data } = await client.listApiKeys(PactExamples.partnerOrgId);
      check(data.data.length > 0, 'The listing holds no key.');
      check(
        data.data.every((key) => !('key' in key)),
        'The listing shows a full key: keys are shown once, on creation.',
      );
    },
  }),
  defineInteraction({
    id: 'revokeApiKey.success',
    route: 'revokeApiKey',
    outcome: 'success',
    description: 'a revocation of an API key with a grace period',
    states: [keyState],
    credential: 'apiKey',
    idempotencyKey: 'pact-revoke-api-key-0001',
    request: {
      path: fromProviderState(
        `/v1/partner-organizations/${injected('partnerOrgId')}/api-keys/${injected('apiKeyId')}/revoke`,
        `/v1/partner-organizations/${PactExamples.partnerOrgId}/api-keys/${PactExamples.apiKeyId}/revoke`,
      ),
      json: { graceSeconds: 300 },
    },
    response: {
      status: 200,
      headers: { [Headers.idempotentReplayed]: 'false' },
      body: { ...keyFields('revoking'), revokedAt: timestampLike(), graceEndsAt: timestampLike() },
    },
    exercise: async (client) => {
      const { data } = await client.revokeApiKey(PactExamples.partnerOrgId, PactExamples.apiKeyId, {
        graceSeconds: 300,
      });
      check(data.status === 'revoking', 'A key inside its grace period is not reported as revoking.');
      check(data.graceEndsAt !== undefined, 'A revoked key names no end of its grace period.');
    },
  }),
  defineInteraction({
    id: 'getPartnerOrganization.credential_revoked',
    route: 'getPartnerOrganization',
    outcome: 'credential_revoked',
    description: 'a request with an API key whose revocation grace period has ended',
    states: [{ name: ProviderStates.credentialRevoked }],
    credential: 'readOnlyApiKey',
    request: { path: `/v1/partner-organizations/${PactExamples.partnerOrgId}` },
    response: errorResponse('credential_revoked'),
    exercise: async (client) => {
      const error = await expectApiError(
        client.getPartnerOrganization(PactExamples.partnerOrgId),
        'credential_revoked',
      );
      check(error.meta.attempts.length === 1, 'The client retried a revoked key: a 401 is final.');
    },
  }),
];
