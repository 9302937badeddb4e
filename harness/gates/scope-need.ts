import type { Environment, RouteFamily, Scope } from '../contract/schemas/common.js';
import type { Capabilities } from '../contract/schemas/partner-organizations.js';

/** The route families the golden path calls, on any environment. */
const GOLDEN_PATH_FAMILIES: readonly RouteFamily[] = ['partner-organizations', 'webhooks', 'clients', 'claims'];

/**
 * The route families in use: the partner's declaration (DUTYCLAIMS_ROUTE_FAMILIES) or the golden
 * path's. `sandbox` exists only in sandbox, where the rehearsal's synthetic delivery needs it.
 */
export function familiesInUse(
  declared: readonly RouteFamily[] | null,
  environment: Environment,
  readOnly: boolean,
): RouteFamily[] {
  const families = (declared ?? GOLDEN_PATH_FAMILIES).filter((family) => family !== 'sandbox');
  return environment === 'sandbox' && !readOnly ? [...families, 'sandbox'] : families;
}

/** A read-only (smoke) run needs only the read scopes of a family. */
export const scopesNeeded = (required: readonly Scope[], readOnly: boolean): Scope[] =>
  readOnly ? required.filter((scope) => scope.endsWith(':read')) : [...required];

/** The scopes granted beyond what the families in use need, as the provider publishes that need. */
export function excessScopes(capabilities: Capabilities, families: readonly RouteFamily[], readOnly: boolean): Scope[] {
  const needed = new Set(
    capabilities.routeFamilies
      .filter((published) => families.includes(published.family))
      .flatMap((published) => scopesNeeded(published.requiredScopes, readOnly)),
  );
  return capabilities.credential.grantedScopes.filter((scope) => !needed.has(scope));
}
