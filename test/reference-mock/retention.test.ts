import { afterEach, describe, expect, it } from 'vitest';
import { type StartedReferenceMock, startReferenceMock } from '../../harness/reference-mock/index.js';
import { call, claimBody, clientBody, createClient, frozenClock } from './support/http.js';
import { startReceiver } from './support/receiver.js';

let mock: StartedReferenceMock | undefined;
afterEach(() => mock?.close());

const HOUR_MS = 60 * 60 * 1000;

describe('the mock keeps bounded state', () => {
  it('forgets the oldest clients and claims beyond their counts, and frees the externalRef', async () => {
    mock = await startReferenceMock({ seed: 'retention-count', retention: { maxClients: 3, maxClaims: 2 } });
    const token = mock.personas.sandbox.apiKey;
    const base = mock.url;
    const clients: string[] = [];
    for (let i = 0; i < 5; i++) clients.push(await createClient(mock.url, token, `ret-${i}`));
    const authority = async (id: string | undefined) =>
      (await call(base, 'GET', `/v1/clients/${id}/authority`, { token })).status;
    expect(await Promise.all(clients.map(authority))).toEqual([404, 404, 200, 200, 200]);
    const again = await call(mock.url, 'POST', '/v1/clients', { token, body: clientBody('ret-0') });
    expect(again.status).toBe(201); // the forgotten client's externalRef is free again
    const claims: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await call(mock.url, 'POST', '/v1/claims', {
        token,
        body: claimBody(clients[4] ?? '', `r-${i}`),
        idempotencyKey: `ret-claim-${i}`,
      });
      claims.push(created.json.id);
    }
    const status = async (id: string | undefined) =>
      (await call(base, 'GET', `/v1/claims/${id}/status`, { token })).status;
    expect(await Promise.all(claims.map(status))).toEqual([404, 200, 200]);
  });

  it('forgets records older than maxAgeMs of mock time', async () => {
    mock = await startReferenceMock({ seed: 'retention-age', clock: frozenClock(), retention: { maxAgeMs: HOUR_MS } });
    const token = mock.personas.sandbox.apiKey;
    const old = await createClient(mock.url, token, 'old');
    await mock.control.advanceClock(HOUR_MS + 1);
    await createClient(mock.url, token, 'new'); // a write applies the limits
    expect((await call(mock.url, 'GET', `/v1/clients/${old}/authority`, { token })).status).toBe(404);
  });

  it('keeps at most maxDeliveries deliveries and still pages through the rest', async () => {
    mock = await startReferenceMock({
      seed: 'retention-deliveries',
      retention: { maxDeliveries: 4 },
      webhookDelivery: { timeoutMs: 10_000 },
    });
    const token = mock.personas.sandbox.apiKey;
    await using receiver = await startReceiver({ secrets: () => [] });
    const endpoint = await call(mock.url, 'POST', '/v1/webhooks/endpoints', {
      token,
      body: { url: receiver.url, eventTypes: ['sandbox.test'] },
    });
    const sent: string[] = [];
    for (let i = 0; i < 7; i++)
      sent.push(
        (await call(mock.url, 'POST', '/v1/sandbox/webhooks/test', { token, body: { endpointId: endpoint.json.id } }))
          .json.deliveryId,
      );
    await receiver.waitFor(7);
    const seen: string[] = [];
    let cursor = '';
    for (let page = 0; page < 10; page++) {
      const listed = await call(mock.url, 'GET', `/v1/webhook-deliveries?limit=3${cursor}`, { token });
      seen.push(...listed.json.data.map((d: { id: string }) => d.id));
      if (!listed.json.hasMore) break;
      cursor = `&cursor=${listed.json.nextCursor}`;
    }
    expect(seen).toEqual(sent.slice(-4).reverse());
  });

  it('forgets disabled endpoints first when over maxEndpoints', async () => {
    mock = await startReferenceMock({ seed: 'retention-endpoints', retention: { maxEndpoints: 2 } });
    const token = mock.personas.sandbox.apiKey;
    const base = mock.url;
    const register = async () =>
      (
        await call(base, 'POST', '/v1/webhooks/endpoints', {
          token,
          body: { url: 'http://127.0.0.1:9/hook', eventTypes: ['sandbox.test'] },
        })
      ).json.id as string;
    const first = await register();
    const second = await register();
    await call(mock.url, 'POST', `/v1/webhooks/endpoints/${second}/disable`, { token });
    const third = await register();
    const exists = async (id: string) => (await call(base, 'GET', `/v1/webhooks/endpoints/${id}`, { token })).status;
    expect([await exists(first), await exists(second), await exists(third)]).toEqual([200, 404, 200]);
  });

  it('keeps at most maxAccessTokens OAuth tokens, the newest', async () => {
    mock = await startReferenceMock({ seed: 'retention-tokens', retention: { maxAccessTokens: 2 } });
    const { clientId, clientSecret } = mock.personas.sandbox.oauthClient;
    const base = mock.url;
    const tokens: string[] = [];
    for (let i = 0; i < 3; i++) {
      const issued = await call(mock.url, 'POST', '/oauth/token', {
        rawBody: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: clientId,
          client_secret: clientSecret,
        }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      tokens.push(issued.json.access_token);
    }
    const org = mock.personas.sandbox.partnerOrgId;
    const use = async (token: string | undefined) =>
      (await call(base, 'GET', `/v1/partner-organizations/${org}`, { ...(token ? { token } : {}) })).status;
    expect(await Promise.all(tokens.map(use))).toEqual([401, 200, 200]);
  });
});
