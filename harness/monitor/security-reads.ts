import { Agent, request } from '../http/undici.js';

/** A fetched security.txt: its status and text, or why it could not be fetched. */
export type SecurityTxtReading =
  | { readonly url: string; readonly status: number; readonly text: string }
  | { readonly url: string; readonly error: string };

/** The TLS handshake with the webhook receiver: whether its certificate verifies, and why not. */
export interface TlsProbe {
  readonly url: string;
  readonly authorized: boolean;
  /** The verification error (e.g. DEPTH_ZERO_SELF_SIGNED_CERT), or a connection error. */
  readonly error: string | null;
}

const PROBE_TIMEOUT_MS = 10_000;
const MAX_SECURITY_TXT_BYTES = 32_768;
const isIp = (host: string) => /^[0-9.]+$/.test(host) || host.includes(':');

/** Fetches a security.txt, trusting `ca` when given (else the system's authorities). */
export async function fetchSecurityTxt(
  url: string,
  ca: string | readonly string[] | null,
): Promise<SecurityTxtReading> {
  const dispatcher = new Agent({ connect: { timeout: PROBE_TIMEOUT_MS, ...(ca === null ? {} : { ca: [ca].flat() }) } });
  try {
    const response = await request(url, {
      dispatcher,
      headersTimeout: PROBE_TIMEOUT_MS,
      bodyTimeout: PROBE_TIMEOUT_MS,
    });
    const text = (await response.body.text()).slice(0, MAX_SECURITY_TXT_BYTES);
    return { url, status: response.statusCode, text };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return { url, error: cause?.code ?? (error as NodeJS.ErrnoException).code ?? (error as Error).message };
  } finally {
    await dispatcher.close();
  }
}

/** Opens a TLS connection to the URL's host and reports whether its certificate verifies for that host. */
export async function probeTls(url: string, ca: string | readonly string[] | null): Promise<TlsProbe> {
  const { hostname, port } = new URL(url);
  const host = hostname.replace(/^\[|\]$/g, '');
  // Only the nightly watch probes: node:tls loads then, not with every run (~2 ms of each start).
  const { connect } = await import('node:tls');
  return new Promise((resolve) => {
    const socket = connect({
      host,
      port: Number(port || 443),
      ...(isIp(host) ? {} : { servername: host }),
      ...(ca === null ? {} : { ca: [ca].flat() }),
      rejectUnauthorized: false,
      timeout: PROBE_TIMEOUT_MS,
    });
    const done = (probe: TlsProbe) => {
      socket.destroy();
      resolve(probe);
    };
    socket.once('secureConnect', () => {
      const error = socket.authorizationError;
      done({
        url,
        authorized: socket.authorized,
        error: error === null ? null : String((error as { code?: string }).code ?? error),
      });
    });
    socket.once('timeout', () =>
      done({ url, authorized: false, error: `no TLS handshake within ${PROBE_TIMEOUT_MS} ms` }),
    );
    socket.once('error', (error: NodeJS.ErrnoException) =>
      done({ url, authorized: false, error: error.code ?? error.message }),
    );
  });
}
