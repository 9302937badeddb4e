import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpTestServer } from '../../test/support/create-http-test-server.js';
import { isPactConfigurationError } from './errors.js';
import { loadPacts, parsePact } from './pact-sources.js';

const pactJson = (hash: string | null) =>
  JSON.stringify({
    consumer: { name: 'acme-erp' },
    provider: { name: 'DutyClaims' },
    interactions: [{ providerStates: [{ name: 'a claim exists' }] }, { providerStates: [{ name: 'the API is up' }] }],
    metadata: hash === null ? { pactSpecification: { version: '4.0' } } : { dutyclaims: { contractHash: hash } },
  });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dutyclaims-pact-sources-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('parsePact', () => {
  it('reads the consumer, the pinned contract hash and the provider states', () => {
    expect(parsePact('p.json', pactJson('4d430a74e95b56a1'))).toMatchObject({
      consumer: 'acme-erp',
      contractHash: '4d430a74e95b56a1',
      states: ['a claim exists', 'the API is up'],
      interactions: 2,
    });
    expect(parsePact('p.json', pactJson(null)).contractHash).toBeNull();
  });
});

describe('loadPacts', () => {
  it('reads the JSON files of a directory and says what to run when there are none', async () => {
    const empty = await loadPacts({ kind: 'dir', dir }, {}).catch((error: unknown) => error);
    expect(isPactConfigurationError(empty) && empty.message).toContain('npm run test:pact');
    await writeFile(join(dir, 'acme-erp-DutyClaims.json'), pactJson('4d430a74e95b56a1'));
    await writeFile(join(dir, 'notes.txt'), 'not a pact');
    expect((await loadPacts({ kind: 'dir', dir }, {})).map((pact) => pact.location)).toEqual([
      join(dir, 'acme-erp-DutyClaims.json'),
    ]);
  });

  it('asks a broker for the pacts to verify with the token from the environment, then fetches each', async () => {
    await using broker = await createHttpTestServer((req, res) => {
      if (req.method === 'POST' && req.url === '/pacts/provider/DutyClaims/for-verification') {
        res.writeHead(200, { 'content-type': 'application/hal+json' });
        res.end(
          JSON.stringify({ _embedded: { pacts: [{ _links: { self: { href: `${broker.url}/pacts/acme/1` } } }] } }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(pactJson('1111111111111111'));
    });
    const pacts = await loadPacts(
      {
        kind: 'broker',
        url: `${broker.url}/`,
        consumerVersionSelectors: [{ deployedOrReleased: true }],
        enablePending: true,
      },
      { PACT_BROKER_TOKEN: 'broker-token-123456' },
    );
    expect(pacts).toEqual([
      expect.objectContaining({ location: `${broker.url}/pacts/acme/1`, contractHash: '1111111111111111' }),
    ]);
    const [listing, fetch] = broker.requests;
    expect(JSON.parse(listing?.body ?? '')).toEqual({
      consumerVersionSelectors: [{ deployedOrReleased: true }],
      includePendingStatus: true,
    });
    expect(listing?.headers.authorization).toBe('Bearer broker-token-123456');
    expect(fetch?.headers.authorization).toBe('Bearer broker-token-123456');
  });

  it('reports a broker refusal without echoing the token', async () => {
    await using broker = await createHttpTestServer((_req, res) => void res.writeHead(401).end());
    const error = await loadPacts(
      { kind: 'broker', url: broker.url },
      { PACT_BROKER_TOKEN: 'broker-token-123456' },
    ).catch((caught: unknown) => caught);
    expect(isPactConfigurationError(error) && error.message).toMatch(
      /answered 401\. Check the URL and the broker token/,
    );
    expect(String((error as Error).message)).not.toContain('broker-token-123456');
  });
});
