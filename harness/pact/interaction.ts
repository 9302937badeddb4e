import type { Matcher, TemplateHeaders, TemplateQuery } from '@pact-foundation/pact';
import type { DutyClaimsClient } from '../client/client.js';
import type { ErrorCode } from '../contract/error-codes.js';
import type { RouteName } from '../contract/routes.js';
import type { PACT_PLACEHOLDERS } from './placeholders.js';
import type { ProviderStateSpec } from './provider-states.js';

/** Which placeholder credential an interaction sends (`none`: no Authorization header). */
export type PactCredential =
  | Extract<keyof typeof PACT_PLACEHOLDERS, 'apiKey' | 'readOnlyApiKey' | 'unknownApiKey'>
  | 'none';

/** The request of an interaction, beyond what the runner derives from the route (auth, ids, content type). */
export interface PactRequestSpec {
  readonly path: string | Matcher<string>;
  readonly query?: TemplateQuery;
  readonly headers?: TemplateHeaders;
  /** A JSON body (may hold matchers and provider-state values). */
  readonly json?: unknown;
  /** A form-encoded body, sent literally. */
  readonly form?: Readonly<Record<string, string>>;
}

/** The response the consumer relies on; the standard headers are added by the runner. */
export interface PactResponseSpec {
  readonly status: number;
  readonly headers?: TemplateHeaders;
  readonly body: unknown;
}

/**
 * One exchange partners' integrations rely on: the pact it writes and the call of the harness's
 * client that proves the client handles it.
 */
export interface ConsumerInteraction {
  /** Stable id, `<operationId>.<outcome>`. */
  readonly id: string;
  readonly route: RouteName;
  /** `success`, `replay`, or the error code the provider answers with. */
  readonly outcome: 'success' | 'replay' | ErrorCode;
  /** The pact description (`uponReceiving`); unique in the pact. */
  readonly description: string;
  readonly states: readonly ProviderStateSpec[];
  readonly credential: PactCredential;
  /** The `Idempotency-Key` the client sends on a write (the runner fixes it so pacts are stable). */
  readonly idempotencyKey?: string;
  readonly request: PactRequestSpec;
  readonly response: PactResponseSpec;
  /** Calls the route with the harness's client and throws unless it sees what partners' code relies on. */
  readonly exercise: (client: DutyClaimsClient) => Promise<void>;
}

/** Identity helper that checks an interaction's shape. */
export const defineInteraction = (interaction: ConsumerInteraction): ConsumerInteraction => interaction;
