import { ControlPaths } from './control-paths.js';
import { CREDENTIAL_PREFIX_LENGTH } from './credential-prefix.js';
import { exposureLines } from './exposure-lines.js';
import type { MockEnvironment } from './options.js';
import { type StartedReferenceMock, startReferenceMock } from './start.js';

/** How much of the seeded credentials a standalone mock prints. */
export type CredentialPrinting = 'prefixes' | 'full' | 'none';

export interface StandaloneMockOptions {
  readonly host?: string;
  /** Allow a non-loopback `host` (see ReferenceMockOptions.allowNonLoopbackHost). Default false. */
  readonly allowNonLoopbackHost?: boolean;
  readonly port?: number;
  /** See ReferenceMockOptions.controlToken. */
  readonly controlToken?: string;
  /** See ReferenceMockOptions.allowUnauthenticatedControl. */
  readonly allowUnauthenticatedControl?: boolean;
  readonly seed?: string;
  readonly environment?: MockEnvironment;
  /**
   * Requests per minute each key (or token) may send before 429 rate_limited. Default 1,000, as the
   * real API; raise it for a load test against this mock.
   */
  readonly rateLimitPerMinute?: number;
  /**
   * What to print about the seeded credentials after the URL: `prefixes` (default: the first 12
   * characters of each key and secret, plus where to read them in full), `full` values, or `none`.
   */
  readonly credentials?: CredentialPrinting;
  /** Where lines go (default stdout). */
  readonly log?: (line: string) => void;
  /** Close on SIGTERM/SIGINT (default true). */
  readonly handleSignals?: boolean;
}

/** A standalone mock: its server plus the signal handlers that close it. */
export interface StandaloneMockHandle extends AsyncDisposable {
  readonly mock: StartedReferenceMock;
  readonly url: string;
  /** Settles when the mock has closed (after close() or a signal). */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Starts the reference mock as a dev server: prints its URL and, by default, only the prefixes of the
 * seeded test credentials (logs are kept and shared; the full values are at `GET /_mock/personas`),
 * and closes cleanly on SIGTERM/SIGINT.
 */
export async function runStandaloneMock(options: StandaloneMockOptions = {}): Promise<StandaloneMockHandle> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const mock = await startReferenceMock({
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.allowNonLoopbackHost === undefined ? {} : { allowNonLoopbackHost: options.allowNonLoopbackHost }),
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.controlToken === undefined ? {} : { controlToken: options.controlToken }),
    ...(options.allowUnauthenticatedControl === undefined
      ? {}
      : { allowUnauthenticatedControl: options.allowUnauthenticatedControl }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.environment === undefined ? {} : { environment: options.environment }),
    ...(options.rateLimitPerMinute === undefined
      ? {}
      : { rateLimit: { limit: options.rateLimitPerMinute, windowMs: 60_000 } }),
  });
  let markClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    markClosed = resolve;
  });
  const onSignal = () => {
    void close();
  };
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      if (options.handleSignals !== false) for (const signal of SIGNALS) process.off(signal, onSignal);
      await mock.close();
      markClosed();
    })();
    return closing;
  };
  if (options.handleSignals !== false) for (const signal of SIGNALS) process.on(signal, onSignal);
  log(`reference mock listening on ${mock.listeningOn}`);
  for (const line of exposureLines(mock.options, mock.url, mock.listeningOn)) log(line);
  const credentials = options.credentials ?? 'prefixes';
  if (credentials !== 'none') for (const line of credentialLines(mock, credentials === 'full')) log(line);
  return { mock, url: mock.url, closed, close, [Symbol.asyncDispose]: close };
}

/** The persona lines: secrets as 12-character prefixes unless `full`. Org and client ids are not secrets. */
function credentialLines(mock: StartedReferenceMock, full: boolean): string[] {
  const shown = (secret: string) => (full ? secret : `${secret.slice(0, CREDENTIAL_PREFIX_LENGTH)}…`);
  const { environment } = mock.options;
  const { sandbox, production } = mock.personas;
  const persona = environment === 'sandbox' ? sandbox : production;
  const lines = [
    `  environment:         ${environment} (seed "${mock.personas.seed}")`,
    `  partner org:         ${persona.partnerOrgId}`,
    `  api key:             ${shown(persona.apiKey)}`,
    `  read-only api key:   ${shown(persona.readOnlyApiKey)}`,
  ];
  if (environment === 'sandbox')
    lines.push(
      `  oauth client id:     ${sandbox.oauthClient.clientId}`,
      `  oauth client secret: ${shown(sandbox.oauthClient.clientSecret)}`,
    );
  const withToken = mock.options.controlToken === null ? '' : ' (with the control token)';
  if (!full) lines.push(`  full values:         GET ${mock.url}${ControlPaths.personas}${withToken}`);
  lines.push('  (seeded test credentials of this local mock; they are accepted nowhere else)');
  return lines;
}
