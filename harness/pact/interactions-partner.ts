import { MatchersV3 } from '@pact-foundation/pact';
import { CONTRACT_PIN } from '../contract/pin.js';
import {
  Availability,
  CredentialShape,
  Environment,
  PartnerOrgId,
  RouteFamily,
  Scope,
} from '../contract/schemas/common.js';
import { TokenResponse } from '../contract/schemas/oauth.js';
import { ContractPin } from '../contract/schemas/partner-organizations.js';
import { PactExamples } from './examples.js';
import { check, expectApiError } from './exercise.js';
import { type ConsumerInteraction, defineInteraction } from './interaction.js';
import { errorResponse, matching, timestampLike } from './matchers.js';
import { PACT_PLACEHOLDERS } from './placeholders.js';
import { injected, ProviderStates } from './provider-states.js';

const { atLeastLike, eachLike, fromProviderState, integer, like, regex } = MatchersV3;

const orgPath = (suffix = '') =>
  fromProviderState(
    `/v1/partner-organizations/${injected('partnerOrgId')}${suffix}`,
    `/v1/partner-organizations/${PactExamples.partnerOrgId}${suffix}`,
  );
const orgState = { name: ProviderStates.partnerOrganizationExists } as const;

/** Health, the partner organization, capabilities, OAuth tokens and the 401 branch. */
export const partnerInteractions: readonly ConsumerInteraction[] = [
  defineInteraction({
    id: 'health.success',
    route: 'health',
    outcome: 'success',
    description: 'a liveness check',
    states: [{ name: ProviderStates.apiUp }],
    credential: 'none',
    request: { path: '/health' },
    response: { status: 200, body: { status: 'ok' } },
    exercise: async (client) => {
      const { data, meta } = await client.health();
      check(data.status === 'ok', 'GET /health did not say ok.');
      check(meta.contractHash !== null, 'GET /health carries no DutyClaims-Contract-Hash header.');
    },
  }),
  defineInteraction({
    id: 'getPartnerOrganization.success',
    route: 'getPartnerOrganization',
    outcome: 'success',
    description: 'a request for the partner organization of the credential',
    states: [orgState],
    credential: 'apiKey',
    request: { path: orgPath() },
    response: {
      status: 200,
      body: {
        id: matching(PartnerOrgId, PactExamples.partnerOrgId),
        name: like('Example Partner Ltd'),
        environment: matching(Environment, 'sandbox'),
        status: regex('^(onboarding|active|suspended)$', 'active'),
        contract: { hash: matching(ContractPin.shape.hash, CONTRACT_PIN.hash), version: like(CONTRACT_PIN.version) },
        createdAt: timestampLike(),
      },
    },
    exercise: async (client) => {
      const { data, meta } = await client.getPartnerOrganization(PactExamples.partnerOrgId);
      check(data.contract.hash === meta.contractHash, 'The body and the header name different contract hashes.');
      check(meta.environment === data.environment, 'The body and the header name different environments.');
    },
  }),
  defineInteraction({
    id: 'getCapabilities.success',
    route: 'getCapabilities',
    outcome: 'success',
    description: 'a request for the capabilities of the environment',
    states: [orgState],
    credential: 'apiKey',
    request: { path: orgPath('/capabilities') },
    response: {
      status: 200,
      body: {
        partnerOrgId: matching(PartnerOrgId, PactExamples.partnerOrgId),
        environment: matching(Environment, 'sandbox'),
        routeFamilies: eachLike({
          family: matching(RouteFamily, 'claims'),
          credentialShapes: atLeastLike(matching(CredentialShape, 'api_key_test'), 0, 1),
          requiredScopes: atLeastLike(matching(Scope, 'claims:write'), 0, 1),
          availability: matching(Availability, 'ga'),
        }),
        credential: {
          shape: matching(CredentialShape, 'api_key_test'),
          prefix: like('dc_test_pact'),
          grantedScopes: atLeastLike(matching(Scope, 'claims:write'), 0, 1),
        },
      },
    },
    exercise: async (client) => {
      const { data } = await client.getCapabilities(PactExamples.partnerOrgId);
      check(data.routeFamilies.length > 0, 'Capabilities list no route family.');
      check(data.credential.prefix.length < PACT_PLACEHOLDERS.apiKey.length, 'Capabilities echo the whole credential.');
    },
  }),
  defineInteraction({
    id: 'getPartnerOrganization.credential_invalid',
    route: 'getPartnerOrganization',
    outcome: 'credential_invalid',
    description: 'a request with a credential the provider does not recognise',
    states: [{ name: ProviderStates.credentialUnknown }],
    credential: 'unknownApiKey',
    request: { path: `/v1/partner-organizations/${PactExamples.partnerOrgId}` },
    response: errorResponse('credential_invalid'),
    exercise: async (client) => {
      await expectApiError(client.getPartnerOrganization(PactExamples.partnerOrgId), 'credential_invalid');
    },
  }),
  defineInteraction({
    id: 'createOAuthToken.success',
    route: 'createOAuthToken',
    outcome: 'success',
    description: 'an exchange of OAuth client credentials for an access token',
    states: [{ name: ProviderStates.oauthClientExists }],
    credential: 'none',
    request: {
      path: '/oauth/token',
      form: {
        grant_type: 'client_credentials',
        client_id: PACT_PLACEHOLDERS.oauthClientId,
        client_secret: PACT_PLACEHOLDERS.oauthClientSecret,
      },
    },
    response: {
      status: 200,
      body: {
        access_token: matching(TokenResponse.shape.access_token, PactExamples.accessToken),
        token_type: 'Bearer',
        expires_in: integer(3600),
        scope: like('partner_orgs:read claims:write'),
      },
    },
    exercise: async (client) => {
      const { data } = await client.createOAuthToken({
        grant_type: 'client_credentials',
        client_id: PACT_PLACEHOLDERS.oauthClientId,
        client_secret: PACT_PLACEHOLDERS.oauthClientSecret,
      });
      check(data.expires_in > 0, 'The access token has no lifetime.');
    },
  }),
];
