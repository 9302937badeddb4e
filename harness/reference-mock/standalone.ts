import type { MockEnvironment } from './options.js';
import { type StartedReferenceMock, startReferenceMock } from './start.js';

export interface StandaloneMockOptions {
  readonly host?: string;
  readonly port?: number;
  readonly seed?: string;
  readonly environment?: MockEnvironment;
  /** Print the seeded test credentials after the URL (default true). */
  readonly printCredentials?: boolean;
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
 * Starts the reference mock as a dev server: prints its URL (and, by default, the seeded test
 * credentials: they are fake sandbox personas, safe to show) and closes cleanly on SIGTERM/SIGINT.
 */
export async function runStandaloneMock(options: StandaloneMockOptions = {}): Promise<StandaloneMockHandle> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const mock = await startReferenceMock({
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.environment === undefined ? {} : { environment: options.environment }),
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
  log(`reference mock listening on ${mock.url}`);
  if (options.printCredentials !== false) {
    const { sandbox, production } = mock.personas;
    const persona = mock.options.environment === 'sandbox' ? sandbox : production;
    log(`  environment:        ${mock.options.environment} (seed "${mock.personas.seed}")`);
    log(`  partner org:        ${persona.partnerOrgId}`);
    log(`  api key:            ${persona.apiKey}`);
    log(`  read-only api key:  ${persona.readOnlyApiKey}`);
    if (mock.options.environment === 'sandbox') {
      log(`  oauth client id:    ${sandbox.oauthClient.clientId}`);
      log(`  oauth client secret: ${sandbox.oauthClient.clientSecret}`);
    }
    log('  (seeded test credentials of this local mock; they are accepted nowhere else)');
  }
  return { mock, url: mock.url, closed, close, [Symbol.asyncDispose]: close };
}
