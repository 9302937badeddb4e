import { describe, expect, it } from 'vitest';
import { createHttpTestServer } from '../../test/support/create-http-test-server.js';
import { createForwardingStateSetup } from './forwarding-state-handlers.js';
import { guardStateHandlers, type StateSetup } from './state-handlers.js';

const handlerOf = (
  handlers: ReturnType<typeof createForwardingStateSetup>['stateHandlers'],
  state: string,
  action: 'setup' | 'teardown',
) => {
  const handler = handlers[state];
  if (handler === undefined || typeof handler === 'function') throw new Error(`no ${action} handler for ${state}`);
  return handler[action] as StateSetup;
};

describe('createForwardingStateSetup', () => {
  it('posts setup and teardown to the state-change URL and returns the values it answers', async () => {
    await using endpoint = await createHttpTestServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"clientId":"cli_abcdefghijklmnopqrst"}');
    });
    await using forwarding = createForwardingStateSetup(`${endpoint.url}/pact/states`, [
      'a client with granted authority exists',
    ]);
    const setup = handlerOf(forwarding.stateHandlers, 'a client with granted authority exists', 'setup');
    expect(await setup({ externalRef: 'pact-client-granted' })).toEqual({ clientId: 'cli_abcdefghijklmnopqrst' });
    await handlerOf(forwarding.stateHandlers, 'a client with granted authority exists', 'teardown')({});
    expect(endpoint.requests.map((request) => JSON.parse(request.body))).toEqual([
      {
        state: 'a client with granted authority exists',
        params: { externalRef: 'pact-client-granted' },
        action: 'setup',
      },
      { state: 'a client with granted authority exists', params: {}, action: 'teardown' },
    ]);
  });

  it('fails the setup, and reports it through the guard, when the endpoint cannot set the state up', async () => {
    await using endpoint = await createHttpTestServer((_req, res) => void res.writeHead(501).end());
    await using forwarding = createForwardingStateSetup(endpoint.url, ['a claim exists']);
    const reported: string[] = [];
    const guarded = guardStateHandlers(forwarding.stateHandlers, (state, action, error) =>
      reported.push(`${action} ${state}: ${(error as Error).message}`),
    );
    await expect(handlerOf(guarded, 'a claim exists', 'setup')({})).rejects.toThrow(
      /answered 501 to setup of "a claim exists"/,
    );
    expect(reported).toEqual([expect.stringMatching(/^setup a claim exists: The state-change endpoint answered 501/)]);
  });
});
