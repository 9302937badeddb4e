import { Agent, request } from '../http/undici.js';
import type { ProviderStateHandlers, ProviderStateSetup, StateValues } from './state-handlers.js';

const isObject = (value: unknown): value is StateValues =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Provider states set up by the provider itself: each setup and teardown is POSTed to
 * `stateChangeUrl` as `{state, params, action}`; a JSON object in the answer is injected into the
 * request (the values `fromProviderState` names, e.g. `{"clientId": "cli_..."}`).
 */
export function createForwardingStateSetup(
  stateChangeUrl: string,
  stateNames: Iterable<string>,
  options: { readonly timeoutMs?: number } = {},
): ProviderStateSetup & AsyncDisposable {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const agent = new Agent({ connect: { timeout: timeoutMs }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  const post = async (
    state: string,
    action: 'setup' | 'teardown',
    params: unknown,
  ): Promise<StateValues | undefined> => {
    const response = await request(stateChangeUrl, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ state, params: params ?? {}, action }),
    });
    const text = await response.body.text();
    if (response.statusCode >= 300)
      throw new Error(
        `The state-change endpoint answered ${response.statusCode} to ${action} of "${state}". Make it set up that state (see docs/pact.md).`,
      );
    if (text.trim() === '') return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`The state-change endpoint answered ${action} of "${state}" with a body that is not JSON.`);
    }
    return isObject(parsed) ? parsed : undefined;
  };
  const stateHandlers: ProviderStateHandlers = {};
  for (const state of stateNames)
    stateHandlers[state] = {
      setup: (params) => post(state, 'setup', params),
      teardown: (params) => post(state, 'teardown', params),
    };
  return { stateHandlers, [Symbol.asyncDispose]: () => agent.close() };
}
