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

/**
 * API-key management (create, list, revoke keys) sits in the partner-organizations family, but only a
 * rotation needs it: an integration that never manages keys must not be failed for a credential
 * without these scopes, nor for one the provider issued with them.
 */
export const KEY_MANAGEMENT_SCOPES: readonly Scope[] = ['api_keys:read', 'api_keys:write'];
const isKeyManagement = (scope: Scope) => KEY_MANAGEMENT_SCOPES.includes(scope);

/**
 * The scopes a run needs of a family's published requirement: a read-only (smoke) run only the read
 * scopes; the key-management scopes only when the run rehearses a rotation.
 */
export const scopesNeeded = (required: readonly Scope[], readOnly: boolean, rotation = false): Scope[] =>
  required.filter((scope) => (!readOnly || scope.endsWith(':read')) && (rotation || !isKeyManagement(scope)));

/**
 * The scopes granted beyond what the families in use need, as the provider publishes that need. Key
 * management scopes are left out of a run that writes (the integration may rotate its own keys); a
 * read-only run flags them as the write scopes they are.
 */
export function excessScopes(capabilities: Capabilities, families: readonly RouteFamily[], readOnly: boolean): Scope[] {
  const needed = new Set(
    capabilities.routeFamilies
      .filter((published) => families.includes(published.family))
      .flatMap((published) => scopesNeeded(published.requiredScopes, readOnly, true)),
  );
  return capabilities.credential.grantedScopes.filter((scope) => !needed.has(scope));
}
