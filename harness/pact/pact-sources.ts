import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Agent, request } from '../http/undici.js';
import { PactConfigurationError } from './errors.js';
import { PACT_PROVIDER_NAME, PactMetadata } from './names.js';

/** One consumer-version selector of the Pact Broker (`{ mainBranch: true }`, `{ deployedOrReleased: true }`, ...). */
export interface ConsumerVersionSelector {
  readonly mainBranch?: boolean;
  readonly branch?: string;
  readonly matchingBranch?: boolean;
  readonly deployedOrReleased?: boolean;
  readonly deployed?: boolean;
  readonly released?: boolean;
  readonly environment?: string;
  readonly consumer?: string;
  readonly tag?: string;
  readonly latest?: boolean;
  readonly fallbackTag?: string;
}

/** Where the pacts to verify come from. */
export type PactSource =
  | { readonly kind: 'dir'; readonly dir: string }
  | { readonly kind: 'urls'; readonly urls: readonly string[] }
  | {
      readonly kind: 'broker';
      readonly url: string;
      /** Bearer token; default `$PACT_BROKER_TOKEN`. Never logged. */
      readonly token?: string;
      readonly consumerVersionSelectors?: readonly ConsumerVersionSelector[];
      readonly enablePending?: boolean;
      readonly includeWipPactsSince?: string;
      readonly providerVersionBranch?: string;
    };

/** The selectors Pact recommends for provider CI when none are given. */
export const DEFAULT_CONSUMER_VERSION_SELECTORS: readonly ConsumerVersionSelector[] = [
  { mainBranch: true },
  { deployedOrReleased: true },
];

/** A pact read before verification: where it came from and what its metadata pins. */
export interface LoadedPact {
  /** File path or URL. */
  readonly location: string;
  readonly consumer: string;
  /** `metadata.dutyclaims.contractHash`, or null when absent. */
  readonly contractHash: string | null;
  /** The provider states its interactions are given. */
  readonly states: readonly string[];
  readonly interactions: number;
  /** The raw text, to look for the placeholder credentials it needs. */
  readonly text: string;
}

/** Parses a pact document and extracts what verification needs to know up front. */
export function parsePact(location: string, text: string): LoadedPact {
  let json: {
    consumer?: { name?: unknown };
    metadata?: Record<string, Record<string, unknown> | undefined>;
    interactions?: { providerStates?: { name?: unknown }[]; providerState?: unknown }[];
  };
  try {
    json = JSON.parse(text) as typeof json;
  } catch (cause) {
    throw new PactConfigurationError('pact', `${location} is not JSON. Point at a pact file written by Pact.`, {
      cause,
    });
  }
  const hash = json.metadata?.[PactMetadata.namespace]?.[PactMetadata.contractHash];
  const states = new Set<string>();
  for (const interaction of json.interactions ?? []) {
    for (const state of interaction.providerStates ?? []) if (typeof state.name === 'string') states.add(state.name);
    if (typeof interaction.providerState === 'string') states.add(interaction.providerState);
  }
  return {
    location,
    consumer: typeof json.consumer?.name === 'string' ? json.consumer.name : '(unnamed consumer)',
    contractHash: typeof hash === 'string' ? hash : null,
    states: [...states],
    interactions: json.interactions?.length ?? 0,
    text,
  };
}

/** The pact files (`*.json`) of a directory, sorted by name. */
export async function listPactFiles(dir: string): Promise<string[]> {
  const absolute = resolve(dir);
  let names: string[];
  try {
    names = await readdir(absolute);
  } catch (cause) {
    throw new PactConfigurationError(
      'pactDir',
      `Cannot read the pact directory ${absolute}. Run the consumer tests first (npm run test:pact), or pass --pact-url or --broker-url.`,
      { cause },
    );
  }
  const files = names
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(absolute, name));
  if (files.length === 0)
    throw new PactConfigurationError(
      'pactDir',
      `No pact files (*.json) in ${absolute}. Run the consumer tests first (npm run test:pact), or pass --pact-url or --broker-url.`,
    );
  return files;
}

async function fetchText(agent: Agent, url: string, init: { method?: 'GET' | 'POST'; token?: string; body?: unknown }) {
  const headers: Record<string, string> = { accept: 'application/hal+json, application/json' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let response: Awaited<ReturnType<typeof request>>;
  try {
    response = await request(url, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? null : JSON.stringify(init.body),
      dispatcher: agent,
    });
  } catch (cause) {
    throw new PactConfigurationError(
      'pact',
      `Could not fetch ${url} (${(cause as Error).message}). Check the URL and network.`,
      { cause },
    );
  }
  const text = await response.body.text();
  if (response.statusCode >= 400)
    throw new PactConfigurationError(
      'pact',
      `${init.method ?? 'GET'} ${url} answered ${response.statusCode}. Check the URL${init.token ? ' and the broker token' : ''}.`,
    );
  return text;
}

const isHttp = (location: string) => /^https?:\/\//i.test(location);

async function readPactFile(location: string): Promise<string> {
  try {
    return await readFile(resolve(location), 'utf8');
  } catch (cause) {
    throw new PactConfigurationError(
      'pactUrl',
      `Cannot read the pact file ${resolve(location)}. Check the path given to --pact-url.`,
      {
        cause,
      },
    );
  }
}

/** Reads every pact of `source` (for a broker: the pacts it selects for verification of DutyClaims). */
export async function loadPacts(
  source: PactSource,
  env: Readonly<Record<string, string | undefined>>,
): Promise<LoadedPact[]> {
  if (source.kind === 'dir') {
    const files = await listPactFiles(source.dir);
    return Promise.all(files.map(async (file) => parsePact(file, await readFile(file, 'utf8'))));
  }
  const agent = new Agent({ connect: { timeout: 10_000 }, headersTimeout: 30_000, bodyTimeout: 30_000 });
  try {
    if (source.kind === 'urls') {
      return await Promise.all(
        source.urls.map(async (location) =>
          parsePact(location, isHttp(location) ? await fetchText(agent, location, {}) : await readPactFile(location)),
        ),
      );
    }
    const token = source.token ?? env.PACT_BROKER_TOKEN;
    const base = source.url.replace(/\/+$/, '');
    const listing = JSON.parse(
      await fetchText(agent, `${base}/pacts/provider/${encodeURIComponent(PACT_PROVIDER_NAME)}/for-verification`, {
        method: 'POST',
        ...(token ? { token } : {}),
        body: {
          consumerVersionSelectors: source.consumerVersionSelectors ?? DEFAULT_CONSUMER_VERSION_SELECTORS,
          includePendingStatus: source.enablePending ?? false,
          ...(source.includeWipPactsSince ? { includeWipPactsSince: source.includeWipPactsSince } : {}),
          ...(source.providerVersionBranch ? { providerVersionBranch: source.providerVersionBranch } : {}),
        },
      }),
    ) as { _embedded?: { pacts?: { _links?: { self?: { href?: string } } }[] } };
    const hrefs = (listing._embedded?.pacts ?? [])
      .map((pact) => pact._links?.self?.href)
      .filter((href) => typeof href === 'string');
    return await Promise.all(
      hrefs.map(async (href) => parsePact(href, await fetchText(agent, href, token ? { token } : {}))),
    );
  } finally {
    await agent.close();
  }
}
