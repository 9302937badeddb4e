import type { Scope } from '../contract/index.js';
import { SCOPES } from '../contract/scopes.js';
import { derivedBase32 } from './ids.js';

/** The seeded sandbox partner: full and read-only API keys and an OAuth client. */
export interface SandboxPersona {
  readonly partnerOrgId: string;
  readonly apiKey: string;
  readonly readOnlyApiKey: string;
  readonly oauthClient: { readonly clientId: string; readonly clientSecret: string };
}

/** The seeded production partner: full and read-only API keys. */
export interface ProductionPersona {
  readonly partnerOrgId: string;
  readonly apiKey: string;
  readonly readOnlyApiKey: string;
}

/** Seeded credentials and org ids: the same every start for the same seed. */
export interface Personas {
  readonly seed: string;
  readonly sandbox: SandboxPersona;
  readonly production: ProductionPersona;
}

/** Every scope a full credential holds. */
export const ALL_SCOPES: readonly Scope[] = SCOPES;

/** The `*:read` scopes a read-only key holds. */
export const READ_SCOPES: readonly Scope[] = ALL_SCOPES.filter((scope) => scope.endsWith(':read'));

/** Derives the personas from `seed` with HMAC-SHA256, so ids and keys are stable per seed. */
export function derivePersonas(seed: string): Personas {
  const b32 = (label: string, length: number) => derivedBase32(seed, label, length);
  return {
    seed,
    sandbox: {
      partnerOrgId: `porg_${b32('sandbox.org', 20)}`,
      apiKey: `dc_test_${b32('sandbox.api-key', 32)}`,
      readOnlyApiKey: `dc_test_${b32('sandbox.read-only-api-key', 32)}`,
      oauthClient: {
        clientId: `dc_client_${b32('sandbox.oauth.client-id', 20)}`,
        clientSecret: `dc_cs_${b32('sandbox.oauth.client-secret', 40)}`,
      },
    },
    production: {
      partnerOrgId: `porg_${b32('production.org', 20)}`,
      apiKey: `dc_live_${b32('production.api-key', 32)}`,
      readOnlyApiKey: `dc_live_${b32('production.read-only-api-key', 32)}`,
    },
  };
}
