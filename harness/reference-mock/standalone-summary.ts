import { ControlPaths } from './control-paths.js';
import { CREDENTIAL_PREFIX_LENGTH } from './credential-prefix.js';
import type { StartedReferenceMock } from './start.js';

/** What `dutyclaims-launch mock --json` prints: one object a script can read the URL and personas from. */
export interface StandaloneMockSummary {
  readonly url: string;
  readonly listeningOn: string;
  readonly environment: string;
  readonly seed: string;
  readonly partnerOrgId: string;
  /** Prefixes (`dc_test_tfln…`) unless the full values were asked for. */
  readonly credentials: {
    readonly apiKey: string;
    readonly readOnlyApiKey: string;
    readonly oauthClientId?: string;
    readonly oauthClientSecret?: string;
    readonly full: boolean;
  };
  /** Where the full seeded credentials are served. */
  readonly personasUrl: string;
  readonly controlTokenRequired: boolean;
}

/** The standalone mock's start details as data; secrets as prefixes unless `full`. */
export function standaloneMockSummary(mock: StartedReferenceMock, full: boolean): StandaloneMockSummary {
  const shown = (secret: string) => (full ? secret : `${secret.slice(0, CREDENTIAL_PREFIX_LENGTH)}…`);
  const { environment } = mock.options;
  const persona = environment === 'sandbox' ? mock.personas.sandbox : mock.personas.production;
  const oauth =
    environment === 'sandbox'
      ? {
          oauthClientId: mock.personas.sandbox.oauthClient.clientId,
          oauthClientSecret: shown(mock.personas.sandbox.oauthClient.clientSecret),
        }
      : {};
  return {
    url: mock.url,
    listeningOn: mock.listeningOn,
    environment,
    seed: mock.personas.seed,
    partnerOrgId: persona.partnerOrgId,
    credentials: { apiKey: shown(persona.apiKey), readOnlyApiKey: shown(persona.readOnlyApiKey), ...oauth, full },
    personasUrl: `${mock.url}${ControlPaths.personas}`,
    controlTokenRequired: mock.options.controlToken !== null,
  };
}
