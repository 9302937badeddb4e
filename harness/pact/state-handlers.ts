import type { JsonValue } from './provider-states.js';

/** Values a state setup hands back; the verifier injects them where the pact says `fromProviderState`. */
export type StateValues = { [key: string]: JsonValue };

/** Sets up (or tears down) one provider state; params are the pact's state parameters. */
export type StateSetup = (params?: unknown) => Promise<StateValues | undefined>;

/** Handlers by provider state name, in the shape pact-js's `stateHandlers` option takes. */
export type ProviderStateHandlers = Record<
  string,
  StateSetup | { readonly setup?: StateSetup; readonly teardown?: StateSetup }
>;

/** What verification needs to put a provider into each state. */
export interface ProviderStateSetup {
  readonly stateHandlers: ProviderStateHandlers;
  /** Runs before the states of each interaction (e.g. a reset). */
  readonly beforeEach?: () => Promise<void>;
}

/**
 * Wraps each handler so a failed setup is reported to `onError` (and still rethrown). pact-js only
 * prints such failures and replays anyway, so the mismatch would otherwise hide its cause.
 */
export function guardStateHandlers(
  handlers: ProviderStateHandlers,
  onError: (state: string, action: 'setup' | 'teardown', error: unknown) => void,
): ProviderStateHandlers {
  const guarded: ProviderStateHandlers = {};
  for (const [state, handler] of Object.entries(handlers)) {
    const { setup, teardown } = typeof handler === 'function' ? { setup: handler, teardown: undefined } : handler;
    const wrap =
      (action: 'setup' | 'teardown', fn: StateSetup): StateSetup =>
      async (params) => {
        try {
          return await fn(params);
        } catch (error) {
          onError(state, action, error);
          throw error;
        }
      };
    guarded[state] = {
      ...(setup ? { setup: wrap('setup', setup) } : {}),
      ...(teardown ? { teardown: wrap('teardown', teardown) } : {}),
    };
  }
  return guarded;
}
