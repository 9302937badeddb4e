import type { RawResponse } from '../client/metadata.js';
import { findSecrets, redactedPrefix, type SecretKind } from '../packet/secret-scan.js';

/** A secret a provider response carried where it should not: recorded by prefix, never the value. */
export interface ResponseLeak {
  readonly operationId: string;
  /** `METHOD /route/template`. */
  readonly route: string;
  readonly status: number;
  readonly requestId: string | null;
  readonly kind: Exclude<SecretKind, 'known_secret'>;
  /** For people: "a webhook signing secret". */
  readonly description: string;
  /** Safe to show: a few characters, then "…". */
  readonly prefix: string;
  /** `body`, or `header x-debug`. */
  readonly where: string;
}

/** What a response said about the `X-Correlation-Id` its request sent. */
export interface CorrelationEcho {
  readonly operationId: string;
  readonly requestId: string | null;
  readonly sent: string;
  /** The response's `X-Correlation-Id`, or null when it carried none. */
  readonly echoed: string | null;
}

/** The one response that may show a secret of each kind: the response that issues it, once. */
const ISSUES: Readonly<Record<string, readonly SecretKind[]>> = {
  createWebhookEndpoint: ['webhook_secret'],
  rotateWebhookSecret: ['webhook_secret'],
  createOAuthToken: ['oauth_access_token'],
  createApiKey: ['api_key'],
};

const DESCRIPTIONS: Readonly<Record<ResponseLeak['kind'], string>> = {
  api_key: 'a DutyClaims API key',
  oauth_access_token: 'a DutyClaims OAuth access token',
  oauth_client_secret: 'a DutyClaims OAuth client secret',
  webhook_secret: 'a webhook signing secret',
};

/** Every string of a JSON body, keys included, so a `\u`-escaped secret is read as the provider meant it. */
function jsonStrings(body: string): string {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return '';
  }
  const out: string[] = [];
  const stack = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') out.push(item);
    else if (item !== null && typeof item === 'object')
      for (const [key, child] of Object.entries(item)) stack.push(key, child);
  }
  return out.join('\n');
}

const first = (value: string | readonly string[] | undefined): string | null =>
  (typeof value === 'string' ? value : value?.[0])?.trim() || null;

/**
 * Audits the raw bytes of every provider response of a run, before any schema strips a field: finds
 * credentials and secrets shown where they should not be (every shape the harness knows, plus the
 * run's own secrets), and what each response echoed as its X-Correlation-Id.
 */
export class ResponseAudit {
  readonly leaks: ResponseLeak[] = [];
  readonly echoes: CorrelationEcho[] = [];
  private readonly known: { readonly value: string; readonly kind: ResponseLeak['kind'] }[] = [];

  /** A secret of this run (the credential, an endpoint's signing secret) to look for whatever its shape. */
  know(value: string, kind: ResponseLeak['kind']): void {
    if (value.length > 0) this.known.push({ value, kind });
  }

  readonly onResponse = (response: RawResponse): void => {
    this.echoes.push({
      operationId: response.operationId,
      requestId: response.requestId,
      sent: response.correlationId,
      echoed: first(response.headers['x-correlation-id']),
    });
    const allowed = ISSUES[response.operationId] ?? [];
    const places: [string, string][] = [
      ['body', `${response.body}\n${jsonStrings(response.body)}`],
      ...Object.entries(response.headers).map(([name, value]): [string, string] => [
        `header ${name}`,
        typeof value === 'string' ? value : (value ?? []).join('\n'),
      ]),
    ];
    for (const [where, text] of places) {
      const found = new Map<string, Omit<ResponseLeak, 'operationId' | 'route' | 'status' | 'requestId' | 'where'>>();
      for (const { value, kind } of this.known)
        if (text.includes(value))
          found.set(`${kind}:${redactedPrefix(value)}`, {
            kind,
            description: DESCRIPTIONS[kind],
            prefix: redactedPrefix(value),
          });
      for (const finding of findSecrets(text)) {
        if (finding.kind === 'known_secret') continue;
        found.set(`${finding.kind}:${finding.prefix}`, {
          kind: finding.kind,
          description: finding.description,
          prefix: finding.prefix,
        });
      }
      for (const leak of found.values()) {
        if (allowed.includes(leak.kind)) continue;
        this.leaks.push({
          operationId: response.operationId,
          route: `${response.method} ${response.route}`,
          status: response.status,
          requestId: response.requestId,
          where,
          ...leak,
        });
      }
    }
  };
}
