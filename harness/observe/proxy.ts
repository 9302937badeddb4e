import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from '../http/undici.js';
import type { JournalEntry } from '../reference-mock/index.js';
import { createRequestJournal } from '../reference-mock/journal.js';
import { isLoopbackHost } from '../reference-mock/loopback.js';
import { createRouter } from '../reference-mock/router.js';
import { ObserveError } from './errors.js';
import { handleExchange } from './exchange.js';
import { createProxyFaultBook } from './fault-schedule.js';
import { type ObserveProxyOptions, type ResolvedObserveProxyOptions, resolveObserveProxyOptions } from './options.js';
import { createFactsCollector, type ProviderFacts } from './provider-facts.js';
import { probeUpstream, type UpstreamInfo } from './upstream.js';

/** A running observe proxy. Dispose it (`await using`) or call close(). */
export interface StartedObserveProxy extends AsyncDisposable {
  /** Where the partner points its DutyClaims base URL, e.g. http://127.0.0.1:4020. */
  readonly url: string;
  readonly port: number;
  readonly options: ResolvedObserveProxyOptions;
  readonly upstream: UpstreamInfo;
  /** Every exchange so far, oldest first, in the reference mock's journal shape. */
  journal(): JournalEntry[];
  facts(): ProviderFacts;
  /** Exchanges still in flight (held, forwarding, or answering). */
  readonly inFlight: number;
  /** Resolves once no exchange is in flight (or after `timeoutMs`): the journal is then complete. */
  settle(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the recording, fault-injecting reverse proxy in front of `upstream`, after checking that the
 * upstream reports the declared environment. Listens on loopback unless told otherwise.
 * @example await using proxy = await startObserveProxy({ upstream: 'https://sandbox.example', port: 0 });
 */
export async function startObserveProxy(options: ObserveProxyOptions): Promise<StartedObserveProxy> {
  const resolved = resolveObserveProxyOptions(options);
  if (!resolved.allowNonLoopbackHost && !isLoopbackHost(resolved.host))
    throw new ObserveError(
      'OBSERVE_ERR_OPTIONS',
      `--host ${resolved.host} is not a loopback address: the proxy passes your credentials on to the provider, so anyone who reaches it acts as you. Use 127.0.0.1, or add --allow-non-loopback-host if another machine must reach it.`,
    );
  const dispatcher = new Agent({ connections: 64 });
  const upstream = await probeUpstream(resolved.upstream, resolved.target, dispatcher, resolved.probeTimeoutMs).catch(
    async (error: unknown) => {
      await dispatcher.close();
      throw error;
    },
  );
  const closing = new AbortController();
  const journal = createRequestJournal(resolved.journalCapacity);
  const facts = createFactsCollector(resolved.journalCapacity);
  const ctx = {
    options: resolved,
    upstream,
    dispatcher,
    route: createRouter(),
    faults: createProxyFaultBook(resolved.faults),
    journal,
    facts,
    closing: closing.signal,
  };
  let inFlight = 0;
  const idle: (() => void)[] = [];
  const server = createServer((req, res) => {
    inFlight++;
    handleExchange(req, res, ctx)
      .catch(() => res.destroy())
      .finally(() => {
        inFlight--;
        if (inFlight === 0) for (const wake of idle.splice(0)) wake();
      });
  });
  server.listen(resolved.port, resolved.host);
  try {
    await once(server, 'listening');
  } catch (error) {
    await dispatcher.close();
    throw new ObserveError(
      'OBSERVE_ERR_LISTEN',
      `Cannot listen on ${resolved.host}:${resolved.port} (${(error as NodeJS.ErrnoException).code}): pick another --port.`,
    );
  }
  const { port } = server.address() as AddressInfo;
  const host = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;
  let closed: Promise<void> | null = null;
  const close = () => {
    closed ??= (async () => {
      closing.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dispatcher.close();
    })();
    return closed;
  };
  return {
    url: `http://${host}:${port}`,
    port,
    options: resolved,
    upstream,
    journal: () => journal.entries(),
    facts: () => facts.facts(),
    get inFlight() {
      return inFlight;
    },
    settle: (timeoutMs) =>
      inFlight === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, timeoutMs);
            idle.push(() => {
              clearTimeout(timer);
              resolve();
            });
          }),
    close,
    [Symbol.asyncDispose]: close,
  };
}
