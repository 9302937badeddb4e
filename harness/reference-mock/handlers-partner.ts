import {
  CONTRACT_PIN,
  type CredentialShape,
  type RouteDefinition,
  RouteFamily,
  routes,
  type Scope,
} from '../contract/index.js';
import { type HandlerContext, type HandlerResult, notFound, orgOf } from './handler-context.js';
import { ApiProblem } from './problem.js';

/** The org named in the path, if it is the caller's own; 403 for another known org, 404 otherwise. */
export function ownOrg(ctx: HandlerContext) {
  const id = ctx.params.partnerOrgId ?? '';
  const mine = orgOf(ctx);
  const org = ctx.engine.store.orgs.get(id);
  if (id === mine && org) return org;
  if (org || ctx.engine.knownOrgIds.has(id))
    throw new ApiProblem('partner_org_mismatch', {
      message: `The credential belongs to partner organization ${mine}, not ${id}. Use that id or the other org's credential.`,
    });
  throw notFound('partner organization', id);
}

/** GET /v1/partner-organizations/{partnerOrgId} */
export function getPartnerOrganization(ctx: HandlerContext): HandlerResult {
  const org = ownOrg(ctx);
  return {
    status: 200,
    body: {
      id: org.id,
      name: org.name,
      environment: org.environment,
      status: 'active',
      contract: { hash: ctx.engine.options.contractHash, version: CONTRACT_PIN.version },
      createdAt: org.createdAt,
    },
  };
}

const allRoutes = Object.values(routes) as RouteDefinition[];

/** GET /v1/partner-organizations/{partnerOrgId}/capabilities */
export function getCapabilities(ctx: HandlerContext): HandlerResult {
  const org = ownOrg(ctx);
  const credential = ctx.credential;
  if (credential === null) throw new ApiProblem('credential_missing');
  const sandbox = org.environment === 'sandbox';
  const shapes: CredentialShape[] = sandbox ? ['api_key_test', 'oauth_client_credentials'] : ['api_key_live'];
  const routeFamilies = RouteFamily.options.map((family) => {
    const available = sandbox || family !== 'sandbox';
    const scopes = new Set<Scope>();
    for (const route of allRoutes) if (route.family === family) for (const scope of route.scopes) scopes.add(scope);
    return {
      family,
      credentialShapes: available ? shapes : [],
      requiredScopes: [...scopes],
      availability: available ? 'ga' : 'not_available',
    };
  });
  return {
    status: 200,
    body: {
      partnerOrgId: org.id,
      environment: org.environment,
      routeFamilies,
      credential: { shape: credential.shape, prefix: credential.prefix, grantedScopes: [...credential.scopes] },
    },
  };
}
