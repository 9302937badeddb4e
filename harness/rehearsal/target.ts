import type { Credential } from '../client/credentials.js';
import { HarnessConfigError } from '../config/errors.js';
import type { HarnessConfig } from '../config/harness-config.js';
import type { Environment } from '../contract/schemas/common.js';

/** The parts of a running reference mock the harness needs, whatever runtime it came from. */
export interface MockTarget {
  readonly url: string;
  readonly personas: {
    readonly sandbox: {
      readonly partnerOrgId: string;
      readonly apiKey: string;
      /** The key a read-only (smoke) run uses, so it holds no write scope. */
      readonly readOnlyApiKey?: string;
    };
  };
}

/** Where this run sends its requests, and as whom. */
export interface ResolvedTarget extends AsyncDisposable {
  readonly baseUrl: string;
  readonly host: string;
  readonly partnerOrgId: string;
  /** The configured credential: a key or OAuth client (a rotation run switches keys through a provider). */
  readonly credential: Exclude<Credential, { readonly apiKeyProvider: unknown }>;
  readonly expectedEnvironment: Environment;
  close(): Promise<void>;
}

const hostOf = (url: string) => new URL(url).host;

/**
 * The pace of a claim on the mock a run embeds: every status and its webhook delivery, as on any mock,
 * but decided 15 ms after creation rather than the mock's default 60 ms, so no run waits on a timer
 * that proves nothing (deliveries still arrive in order: the mock sends one endpoint's one at a time).
 */
export const EMBEDDED_MOCK_TIMELINE = { validatingAfterMs: 5, submittedAfterMs: 10, decidedAfterMs: 15 } as const;

/**
 * Who this run is on a reference mock already running at `baseUrl` (standalone or in a container):
 * a tenant of its own, so runs sharing the mock never share an org, a rate bucket or resources.
 * A mock without tenants (an older version) lends its seeded sandbox persona instead.
 */
async function runningMockPersonas(baseUrl: string): Promise<MockTarget['personas']> {
  const { createReferenceMockControl } = await import('../reference-mock/index.js');
  const control = createReferenceMockControl(baseUrl);
  try {
    const tenant = await control.createTenant().catch((error: unknown) => {
      if ((error as { status?: number }).status === 404) return null;
      throw error;
    });
    if (tenant) return { sandbox: { partnerOrgId: tenant.partnerOrgId, apiKey: tenant.apiKey } };
    return await control.personas();
  } catch (error) {
    throw new HarnessConfigError([
      `DUTYCLAIMS_BASE_URL (--base-url) ${baseUrl}: no reference mock answers there (${(error as Error).message.split('\n')[0]}). Start one with \`dutyclaims-launch mock\`, or unset DUTYCLAIMS_BASE_URL to use the embedded mock.`,
    ]);
  } finally {
    await control.close();
  }
}

/**
 * Resolves the target of a run: a mock handle the caller started (embedded or container), the
 * embedded mock started here, a running mock at DUTYCLAIMS_BASE_URL, or a real DutyClaims host.
 */
export async function resolveTarget(config: HarnessConfig, mock?: MockTarget): Promise<ResolvedTarget> {
  const expectedEnvironment: Environment = config.target === 'production' ? 'production' : 'sandbox';
  const fromMock = (handle: MockTarget, close: () => Promise<void>): ResolvedTarget => ({
    baseUrl: handle.url,
    host: hostOf(handle.url),
    partnerOrgId: handle.personas.sandbox.partnerOrgId,
    credential: {
      apiKey: (config.readOnly ? handle.personas.sandbox.readOnlyApiKey : undefined) ?? handle.personas.sandbox.apiKey,
    },
    expectedEnvironment,
    close,
    [Symbol.asyncDispose]: close,
  });
  const noop = async () => {};
  if (config.target === 'mock') {
    if (mock) return fromMock(mock, noop);
    if (config.baseUrl)
      return fromMock({ url: config.baseUrl, personas: await runningMockPersonas(config.baseUrl) }, noop);
    const { startReferenceMock } = await import('../reference-mock/index.js');
    const started = await startReferenceMock({ timeline: EMBEDDED_MOCK_TIMELINE });
    return fromMock(started, () => started.close());
  }
  const { baseUrl, partnerOrgId, credential } = config;
  if (!baseUrl || !partnerOrgId || !credential)
    throw new Error('resolveTarget needs a validated config (baseUrl, partnerOrgId, credential).');
  return {
    baseUrl,
    host: hostOf(baseUrl),
    partnerOrgId,
    credential:
      credential.kind === 'api_key'
        ? { apiKey: credential.apiKey }
        : { oauth: { clientId: credential.clientId, clientSecret: credential.clientSecret } },
    expectedEnvironment,
    close: noop,
    [Symbol.asyncDispose]: noop,
  };
}
