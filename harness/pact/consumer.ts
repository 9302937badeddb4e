import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { MatchersV3, type TemplateHeaders, type TemplateQuery } from '@pact-foundation/pact';
import { createDutyClaimsClient } from '../client/client.js';
import { Headers } from '../contract/headers.js';
import { routes } from '../contract/routes.js';
import { type PactConsumerOptions, resolvePactConsumerOptions } from './consumer-options.js';
import { DutyClaimsPact } from './dutyclaims-pact.js';
import { PactInteractionError } from './errors.js';
import type { ConsumerInteraction } from './interaction.js';
import { CONSUMER_INTERACTIONS } from './interactions.js';
import { standardResponseHeaders } from './matchers.js';
import { PACT_PROVIDER_NAME } from './names.js';
import { AUTHORIZATION_PATTERN, PACT_CORRELATION_ID, PACT_PLACEHOLDERS } from './placeholders.js';
import { awaitRecordedRequests, type MockServerMismatch } from './recorded-requests.js';
import { optOutOfPactTelemetry } from './telemetry.js';

const { regex } = MatchersV3;

/** The part of Pact's request builder this module uses (pact-js does not export its type). */
interface RequestBuilder {
  headers(headers: TemplateHeaders): unknown;
  query(query: TemplateQuery): unknown;
  jsonBody(body: unknown): unknown;
}

/** libpact's interaction handle behind the builder: it takes a text body of any content type. */
interface BodySink {
  withRequestBody(body: string, contentType: string): boolean;
}

/** Header values the contract accepts for ids a caller chooses: 1-255 visible ASCII characters. */
const VISIBLE_ASCII = '^[\\x21-\\x7e]{1,255}$';
const FALLBACK_IDEMPOTENCY_KEY = 'pact-idempotency-key';

/** The file name libpact writes a consumer's pact with DutyClaims to. */
export const pactFileName = (consumer: string): string => `${consumer}-${PACT_PROVIDER_NAME}.json`;

/** Removes the pact files (`*.json`) in `pactDir` and creates it if needed; libpact would merge into old ones. */
export async function clearPactDir(pactDir: string): Promise<void> {
  await mkdir(pactDir, { recursive: true });
  const names = await readdir(pactDir);
  await Promise.all(
    names.filter((name) => name.endsWith('.json')).map((name) => rm(join(pactDir, name), { force: true })),
  );
}

function requestHeaders(interaction: ConsumerInteraction): TemplateHeaders {
  const headers: TemplateHeaders = { [Headers.correlationId]: regex(VISIBLE_ASCII, PACT_CORRELATION_ID) };
  if (interaction.credential !== 'none')
    headers[Headers.authorization] = regex(
      AUTHORIZATION_PATTERN,
      `Bearer ${PACT_PLACEHOLDERS[interaction.credential]}`,
    );
  if (routes[interaction.route].idempotencyKey !== 'none')
    headers[Headers.idempotencyKey] = regex(VISIBLE_ASCII, interaction.idempotencyKey ?? FALLBACK_IDEMPOTENCY_KEY);
  return { ...headers, ...interaction.request.headers };
}

function buildRequest(interaction: ConsumerInteraction, builder: RequestBuilder): void {
  const { request } = interaction;
  builder.headers(requestHeaders(interaction));
  if (request.query !== undefined) builder.query(request.query);
  if (request.json !== undefined) builder.jsonBody(request.json);
  if (request.form !== undefined) {
    // The builder's body() sends bytes, which libpact then sniffs as text/plain; given as text with
    // its content type, libpact matches it as a form field by field.
    const { interaction: handle } = builder as unknown as { interaction: BodySink };
    handle.withRequestBody(new URLSearchParams(request.form).toString(), 'application/x-www-form-urlencoded');
  }
}

/**
 * Writes one interaction into the consumer's pact by running the harness's client against Pact's
 * mock server; rejects with a PactInteractionError (the client's own error first, as its `cause`)
 * when the client's request or its handling of the response is not as pinned.
 */
export async function writeConsumerInteraction(
  interaction: ConsumerInteraction,
  options: PactConsumerOptions = {},
): Promise<void> {
  const resolved = resolvePactConsumerOptions(options);
  optOutOfPactTelemetry();
  const pact = new DutyClaimsPact({
    consumer: resolved.consumer,
    provider: PACT_PROVIDER_NAME,
    dir: resolved.pactDir,
    logLevel: resolved.logLevel,
  });
  let unconfigured = pact.addInteraction();
  for (const state of interaction.states) unconfigured = unconfigured.given(state.name, state.params);
  const route = routes[interaction.route];
  let clientError: Error | null = null;
  let mismatches: readonly MockServerMismatch[] = [];
  try {
    await unconfigured
      .uponReceiving(interaction.description)
      .withRequest(route.method, interaction.request.path, (builder) => buildRequest(interaction, builder))
      .willRespondWith(interaction.response.status, (builder) => {
        builder.headers(standardResponseHeaders(interaction.response.headers));
        builder.jsonBody(interaction.response.body);
      })
      .executeTest(async (server) => {
        let sent = 0;
        const client = createDutyClaimsClient({
          baseUrl: server.url,
          ...(interaction.credential === 'none'
            ? {}
            : { credential: { apiKey: PACT_PLACEHOLDERS[interaction.credential] } }),
          retry: { maxAttempts: 1 },
          correlationId: () => PACT_CORRELATION_ID,
          idempotencyKey: () => interaction.idempotencyKey ?? FALLBACK_IDEMPOTENCY_KEY,
          onCall: (record) => {
            sent += record.meta.attempts.length;
          },
        });
        try {
          await interaction.exercise(client);
        } catch (error) {
          clientError = error instanceof Error ? error : new Error(String(error));
        } finally {
          await client.close();
        }
        // pact-js reads the mock server's report as soon as this returns; libpact may not have
        // recorded the request it already answered yet (see awaitRecordedRequests).
        if (sent > 0) mismatches = await awaitRecordedRequests(pact, server.port, { sent, expected: 1 });
        if (clientError !== null) throw clientError;
      });
  } catch (error) {
    throw new PactInteractionError(
      { interaction: interaction.id, clientError, mismatches },
      { cause: clientError ?? error },
    );
  }
}

/** What `generateConsumerPacts` wrote. */
export interface GeneratedPact {
  readonly consumer: string;
  readonly pactFile: string;
  readonly interactions: number;
}

/**
 * Clears the pact directory and writes the full consumer pact, e.g. under a partner's own consumer name.
 * @example
 * const { pactFile } = await generateConsumerPacts({ consumer: 'acme-erp', pactDir: 'pacts' });
 */
export async function generateConsumerPacts(
  options: PactConsumerOptions & { readonly interactions?: readonly ConsumerInteraction[] } = {},
): Promise<GeneratedPact> {
  const resolved = resolvePactConsumerOptions(options);
  const interactions = options.interactions ?? CONSUMER_INTERACTIONS;
  await clearPactDir(resolved.pactDir);
  // One at a time: libpact merges each into the same file.
  for (const interaction of interactions) await writeConsumerInteraction(interaction, resolved);
  return {
    consumer: resolved.consumer,
    pactFile: join(resolved.pactDir, pactFileName(resolved.consumer)),
    interactions: interactions.length,
  };
}
