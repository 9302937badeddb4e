import { MatchersV3 } from '@pact-foundation/pact';
import { Headers } from '../contract/headers.js';
import { AuthorityStatus } from '../contract/schemas/clients.js';
import { ClientId, Scope } from '../contract/schemas/common.js';
import { PactExamples } from './examples.js';
import { check, expectApiError } from './exercise.js';
import { type ConsumerInteraction, defineInteraction } from './interaction.js';
import { errorResponse, matching, timestampLike } from './matchers.js';
import { injected, ProviderStates } from './provider-states.js';

const { eachLike, fromProviderState, like } = MatchersV3;

const newClient = (externalRef: string) => ({ externalRef, name: 'Launch rehearsal client', country: 'GB' });

/** Client creation (and linking on 409), validation and scope errors, and the authority read. */
export const clientInteractions: readonly ConsumerInteraction[] = [
  defineInteraction({
    id: 'createClient.success',
    route: 'createClient',
    outcome: 'success',
    description: 'a creation of a client',
    states: [{ name: ProviderStates.externalRefFree, params: { externalRef: 'pact-client-new' } }],
    credential: 'apiKey',
    idempotencyKey: 'pact-create-client-0001',
    request: { path: '/v1/clients', json: newClient('pact-client-new') },
    response: {
      status: 201,
      headers: { [Headers.idempotentReplayed]: 'false' },
      body: {
        id: matching(ClientId, PactExamples.clientId),
        ...newClient('pact-client-new'),
        eoriNumber: null,
        authorityStatus: matching(AuthorityStatus, 'pending'),
        createdAt: timestampLike(),
      },
    },
    exercise: async (client) => {
      const { data } = await client.createClient(newClient('pact-client-new'));
      check(data.externalRef === 'pact-client-new', 'The client does not echo its externalRef.');
    },
  }),
  defineInteraction({
    id: 'createClient.client_already_exists',
    route: 'createClient',
    outcome: 'client_already_exists',
    description: 'a creation of a client whose externalRef is already linked',
    states: [{ name: ProviderStates.externalRefTaken, params: { externalRef: 'pact-client-linked' } }],
    credential: 'apiKey',
    idempotencyKey: 'pact-create-client-0002',
    request: { path: '/v1/clients', json: newClient('pact-client-linked') },
    response: errorResponse('client_already_exists', { resourceId: matching(ClientId, PactExamples.clientId) }),
    exercise: async (client) => {
      const error = await expectApiError(client.createClient(newClient('pact-client-linked')), 'client_already_exists');
      check(error.envelope?.error.resourceId === PactExamples.clientId, 'The 409 does not name the existing client.');
    },
  }),
  defineInteraction({
    id: 'createClient.validation_failed',
    route: 'createClient',
    outcome: 'validation_failed',
    description: 'a creation of a client with an invalid country code',
    states: [{ name: ProviderStates.externalRefFree, params: { externalRef: 'pact-client-invalid' } }],
    credential: 'apiKey',
    idempotencyKey: 'pact-create-client-0003',
    request: { path: '/v1/clients', json: { ...newClient('pact-client-invalid'), country: 'gb' } },
    response: errorResponse('validation_failed', { details: [{ field: 'country', reason: like('Invalid string') }] }),
    exercise: async (client) => {
      const error = await expectApiError(
        client.createClient({ ...newClient('pact-client-invalid'), country: 'gb' }),
        'validation_failed',
      );
      check(error.envelope?.error.details?.[0]?.field === 'country', 'The 422 does not name the invalid field.');
    },
  }),
  defineInteraction({
    id: 'createClient.insufficient_scope',
    route: 'createClient',
    outcome: 'insufficient_scope',
    description: 'a creation of a client with a read-only credential',
    states: [{ name: ProviderStates.credentialLacksScope, params: { scope: 'clients:write' } }],
    credential: 'readOnlyApiKey',
    idempotencyKey: 'pact-create-client-0004',
    request: { path: '/v1/clients', json: newClient('pact-client-read-only') },
    response: errorResponse('insufficient_scope', { details: [{ field: 'scope', reason: 'missing clients:write' }] }),
    exercise: async (client) => {
      const error = await expectApiError(client.createClient(newClient('pact-client-read-only')), 'insufficient_scope');
      check(
        error.envelope?.error.details?.some((detail) => detail.reason === 'missing clients:write') === true,
        'The 403 does not name the missing scope.',
      );
    },
  }),
  defineInteraction({
    id: 'getClientAuthority.success',
    route: 'getClientAuthority',
    outcome: 'success',
    description: 'a read of the authority of a client',
    states: [{ name: ProviderStates.grantedClientExists, params: { externalRef: 'pact-client-granted' } }],
    credential: 'apiKey',
    request: {
      path: fromProviderState(
        `/v1/clients/${injected('clientId')}/authority`,
        `/v1/clients/${PactExamples.clientId}/authority`,
      ),
    },
    response: {
      status: 200,
      body: {
        clientId: matching(ClientId, PactExamples.clientId),
        status: 'granted',
        scopes: eachLike(matching(Scope, 'claims:write')),
        requestedAt: timestampLike(),
        grantedAt: timestampLike(),
        expiresAt: null,
        revokedAt: null,
        updatedAt: timestampLike(),
      },
    },
    exercise: async (client) => {
      const { data } = await client.getClientAuthority(PactExamples.clientId);
      check(data.status === 'granted' && data.grantedAt !== null, 'A granted authority has no grant time.');
    },
  }),
];
