import { MatchersV3 } from '@pact-foundation/pact';
import { Headers } from '../contract/headers.js';
import type { CreateClaimRequest } from '../contract/schemas/claims.js';
import { ClaimStatus } from '../contract/schemas/claims.js';
import { ClaimId, ClientId, JobId } from '../contract/schemas/common.js';
import { PactExamples } from './examples.js';
import { check, expectApiError } from './exercise.js';
import { type ConsumerInteraction, defineInteraction } from './interaction.js';
import { errorResponse, matching, timestampLike } from './matchers.js';
import { injected, ProviderStates } from './provider-states.js';

const { boolean, eachLike, fromProviderState, regex } = MatchersV3;

const RETRY_AFTER_SECONDS = 30;

/** The claim fields besides `clientId`; state params carry them so a provider can replay the same body. */
const claimFields = (reference: string) => ({
  claimType: 'duty_drawback' as const,
  amount: { currency: 'GBP', value: '125.50' },
  reference,
});

/** The claim the client submits (examples) and the pact body (clientId injected by the provider state). */
const claimBody = (reference: string): CreateClaimRequest => ({
  clientId: PactExamples.clientId,
  ...claimFields(reference),
});
const claimPactBody = (reference: string) => ({
  clientId: fromProviderState(injected('clientId'), PactExamples.clientId),
  ...claimFields(reference),
});

const acceptedClaim = (reference: string) => ({
  id: matching(ClaimId, PactExamples.claimId),
  jobId: matching(JobId, PactExamples.jobId),
  clientId: matching(ClientId, PactExamples.clientId),
  status: 'received',
  ...claimFields(reference),
  createdAt: timestampLike(),
});

const submittedState = (idempotencyKey: string, externalRef: string) => ({
  name: ProviderStates.claimSubmittedWithKey,
  params: { idempotencyKey, externalRef, ...claimFields('pact-claim-original') },
});

const claimStatusPath = fromProviderState(
  `/v1/claims/${injected('claimId')}/status`,
  `/v1/claims/${PactExamples.claimId}/status`,
);

/** Claim submission, its replay and conflicts, status reads, 404 and 429. */
export const claimInteractions: readonly ConsumerInteraction[] = [
  defineInteraction({
    id: 'createClaim.success',
    route: 'createClaim',
    outcome: 'success',
    description: 'a submission of a claim for a client with granted authority',
    states: [{ name: ProviderStates.grantedClientExists, params: { externalRef: 'pact-client-claims' } }],
    credential: 'apiKey',
    idempotencyKey: 'pact-claim-0001',
    request: { path: '/v1/claims', json: claimPactBody('pact-claim-new') },
    response: {
      status: 202,
      headers: { [Headers.idempotentReplayed]: 'false' },
      body: acceptedClaim('pact-claim-new'),
    },
    exercise: async (client) => {
      const { data, meta } = await client.createClaim(claimBody('pact-claim-new'), {
        idempotencyKey: 'pact-claim-0001',
      });
      check(data.status === 'received' && meta.replayed === false, 'A new claim was not received fresh.');
    },
  }),
  defineInteraction({
    id: 'createClaim.replay',
    route: 'createClaim',
    outcome: 'replay',
    description: 'a retry of a claim submission with the same idempotency key and body',
    states: [submittedState('pact-claim-0002', 'pact-client-replay')],
    credential: 'apiKey',
    idempotencyKey: 'pact-claim-0002',
    request: { path: '/v1/claims', json: claimPactBody('pact-claim-original') },
    response: {
      status: 202,
      headers: { [Headers.idempotentReplayed]: 'true' },
      body: acceptedClaim('pact-claim-original'),
    },
    exercise: async (client) => {
      const { meta } = await client.createClaim(claimBody('pact-claim-original'), {
        idempotencyKey: 'pact-claim-0002',
      });
      check(meta.replayed === true, 'A replayed submission is not marked Idempotent-Replayed: true.');
    },
  }),
  defineInteraction({
    id: 'createClaim.idempotency_key_reused',
    route: 'createClaim',
    outcome: 'idempotency_key_reused',
    description: 'a claim submission that reuses an idempotency key with a different body',
    states: [submittedState('pact-claim-0003', 'pact-client-reused')],
    credential: 'apiKey',
    idempotencyKey: 'pact-claim-0003',
    request: { path: '/v1/claims', json: claimPactBody('pact-claim-changed') },
    response: errorResponse('idempotency_key_reused'),
    exercise: async (client) => {
      await expectApiError(
        client.createClaim(claimBody('pact-claim-changed'), { idempotencyKey: 'pact-claim-0003' }),
        'idempotency_key_reused',
      );
    },
  }),
  defineInteraction({
    id: 'createClaim.authority_not_granted',
    route: 'createClaim',
    outcome: 'authority_not_granted',
    description: 'a submission of a claim for a client whose authority is not granted',
    states: [{ name: ProviderStates.pendingClientExists, params: { externalRef: 'pact-client-pending' } }],
    credential: 'apiKey',
    idempotencyKey: 'pact-claim-0004',
    request: { path: '/v1/claims', json: claimPactBody('pact-claim-too-early') },
    response: errorResponse('authority_not_granted'),
    exercise: async (client) => {
      await expectApiError(
        client.createClaim(claimBody('pact-claim-too-early'), { idempotencyKey: 'pact-claim-0004' }),
        'authority_not_granted',
      );
    },
  }),
  defineInteraction({
    id: 'getClaimStatus.success',
    route: 'getClaimStatus',
    outcome: 'success',
    description: 'a read of the status of a claim',
    states: [{ name: ProviderStates.claimExists }],
    credential: 'apiKey',
    request: { path: claimStatusPath },
    response: {
      status: 200,
      body: {
        claimId: matching(ClaimId, PactExamples.claimId),
        jobId: matching(JobId, PactExamples.jobId),
        status: matching(ClaimStatus, 'received'),
        terminal: boolean(false),
        history: eachLike({ status: matching(ClaimStatus, 'received'), at: timestampLike(), reason: null }),
        updatedAt: timestampLike(),
      },
    },
    exercise: async (client) => {
      const { data } = await client.getClaimStatus(PactExamples.claimId);
      check(data.history.length > 0, 'The claim status has no history.');
    },
  }),
  defineInteraction({
    id: 'getClaimStatus.resource_not_found',
    route: 'getClaimStatus',
    outcome: 'resource_not_found',
    description: 'a read of the status of a claim that does not exist',
    states: [{ name: ProviderStates.claimMissing, params: { claimId: PactExamples.missingClaimId } }],
    credential: 'apiKey',
    request: { path: `/v1/claims/${PactExamples.missingClaimId}/status` },
    response: errorResponse('resource_not_found'),
    exercise: async (client) => {
      await expectApiError(client.getClaimStatus(PactExamples.missingClaimId), 'resource_not_found');
    },
  }),
  defineInteraction({
    id: 'getClaimStatus.rate_limited',
    route: 'getClaimStatus',
    outcome: 'rate_limited',
    description: 'a read of a claim status while the partner is rate limited',
    states: [{ name: ProviderStates.rateLimited, params: { retryAfterSeconds: RETRY_AFTER_SECONDS } }],
    credential: 'apiKey',
    request: { path: `/v1/claims/${PactExamples.missingClaimId}/status` },
    response: {
      ...errorResponse('rate_limited'),
      headers: { [Headers.retryAfter]: regex('^[0-9]+$', String(RETRY_AFTER_SECONDS)) },
    },
    exercise: async (client) => {
      const error = await expectApiError(client.getClaimStatus(PactExamples.missingClaimId), 'rate_limited');
      check(error.retryAfterMs === RETRY_AFTER_SECONDS * 1000, 'The client did not read Retry-After from the 429.');
    },
  }),
];
