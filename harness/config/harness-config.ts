import type { RouteFamily } from '../contract/schemas/common.js';
import type { Owners, PinOrigin, Target } from '../packet/schema.js';

export type HarnessCredential =
  | { readonly kind: 'api_key'; readonly apiKey: string }
  | { readonly kind: 'oauth'; readonly clientId: string; readonly clientSecret: string };

/** The resolved configuration of one harness run; every default already applied. */
export interface HarnessConfig {
  readonly target: Target;
  /** Production runs are smoke runs: read-only, no writes are sent. */
  readonly mode: 'rehearsal' | 'smoke';
  readonly readOnly: boolean;
  /** null: start the embedded reference mock. */
  readonly baseUrl: string | null;
  /** null on the embedded mock, whose personas provide it. */
  readonly partnerOrgId: string | null;
  readonly credential: HarnessCredential | null;
  /** The contract hash the provider must serve, where it came from, and the OpenAPI file behind it (if any). */
  readonly pin: {
    readonly hash: string;
    readonly origin: PinOrigin;
    /** For people: "DUTYCLAIMS_OPENAPI_FILE (/path/openapi.json)". */
    readonly source: string;
    readonly openApiFile: string | null;
  };
  readonly pactDir: string | null;
  readonly owners: Owners;
  /** Which owners were filled with mock-only defaults (named in the packet). */
  readonly defaultedOwners: readonly (keyof Owners)[];
  readonly webhook: {
    readonly mode: 'harness-receiver' | 'partner-receiver';
    readonly publicUrl: string | null;
    readonly endpointId: string | null;
    readonly receiverHost: string;
    readonly receiverPort: number;
  };
  readonly clientExternalRef: string | null;
  /** The route families the partner declared it uses (DUTYCLAIMS_ROUTE_FAMILIES); null: the golden path's. */
  readonly routeFamilies: readonly RouteFamily[] | null;
  /**
   * Key and secret rotation after the golden path (`--rotation`). `graceSeconds`: the grace the old key
   * gets; the mock's clock skips it, a real target waits it out (so keep it short there).
   */
  readonly rotation: { readonly requested: boolean; readonly graceSeconds: number };
  /** The rollback plan file (DUTYCLAIMS_ROLLBACK_PLAN_FILE), absolute; null when none was given. */
  readonly rollbackPlanFile: string | null;
  readonly waitTimeoutMs: number;
  readonly outDir: string;
}
