import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  createReferenceMockStateSetup,
  ProviderStates,
  referenceMockCredentials,
  type StateSetup,
} from '../../harness/pact/index.js';
import { startReferenceMock } from '../../harness/reference-mock/index.js';
import { PACT_DIR } from '../pact/pact-dir.js';
import { verifyProviderCaptured as verifyProvider } from './support/captured-verification.js';

/**
 * A provider that is "real" to the verifier: credentials from outside, states through its own
 * state-change endpoint. Here the endpoint is a small server in front of a reference mock.
 */
describe('verifyProvider against a provider with a state-change URL', () => {
  it('posts each state to the endpoint and injects the values it answers', async () => {
    await using mock = await startReferenceMock({ seed: 'pact-state-change-url' });
    const sink = createServer((req, res) => req.resume().on('end', () => res.writeHead(204).end()));
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    const webhookUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/hooks`;
    await using states = createReferenceMockStateSetup({
      baseUrl: mock.url,
      control: mock.control,
      personas: mock.personas,
      environment: 'sandbox',
      webhookUrl,
    });
    const seen: string[] = [];
    const endpoint = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        body += chunk;
      });
      req.on('end', async () => {
        const { state, params, action } = JSON.parse(body) as { state: string; params: unknown; action: string };
        seen.push(`${action} ${state}`);
        if (action !== 'setup') return void res.writeHead(200).end();
        await mock.control.reset();
        const handler = states.stateHandlers[state] as StateSetup | undefined;
        const values = handler ? await handler(params) : undefined;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(values ?? {}));
      });
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    try {
      const stateChangeUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/pact/states`;
      const result = await verifyProvider({
        pacts: { kind: 'dir', dir: PACT_DIR },
        provider: {
          kind: 'provider',
          baseUrl: mock.url,
          credentials: referenceMockCredentials(mock.personas, 'sandbox'),
          stateChangeUrl,
        },
      });
      expect(result.providerBaseUrl).toBe(mock.url);
      expect(seen).toContain(`setup ${ProviderStates.grantedClientExists}`);
      expect(seen).toContain(`teardown ${ProviderStates.grantedClientExists}`);
    } finally {
      await new Promise((resolve) => endpoint.close(resolve));
      await new Promise((resolve) => sink.close(resolve));
    }
  });
});
