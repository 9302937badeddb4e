import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTRACT_PIN } from '../contract/pin.js';
import { clearPactDir, generateConsumerPacts, writeConsumerInteraction } from './consumer.js';
import { isPactInteractionError } from './errors.js';
import type { ConsumerInteraction } from './interaction.js';
import { CONSUMER_INTERACTIONS } from './interactions.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dutyclaims-pact-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const health = CONSUMER_INTERACTIONS.find((interaction) => interaction.id === 'health.success') as ConsumerInteraction;

describe('generateConsumerPacts', () => {
  it('writes the whole pact under a partner consumer name, pinned to the contract hash', async () => {
    await writeFile(join(dir, 'stale-DutyClaims.json'), '{}');
    const generated = await generateConsumerPacts({ consumer: 'acme-erp', pactDir: dir, env: {} });
    expect(generated).toEqual({
      consumer: 'acme-erp',
      pactFile: join(dir, 'acme-erp-DutyClaims.json'),
      interactions: CONSUMER_INTERACTIONS.length,
    });
    expect(await readdir(dir)).toEqual(['acme-erp-DutyClaims.json']);
    const pact = JSON.parse(await readFile(generated.pactFile, 'utf8'));
    expect(pact.consumer.name).toBe('acme-erp');
    expect(pact.provider.name).toBe('DutyClaims');
    expect(pact.metadata.dutyclaims).toEqual({
      contractHash: CONTRACT_PIN.hash,
      contractVersion: CONTRACT_PIN.version,
    });
    expect(pact.interactions).toHaveLength(CONSUMER_INTERACTIONS.length);
  });
});

describe('writeConsumerInteraction', () => {
  it('writes nothing and rejects when the client does not handle the pinned response', async () => {
    const broken: ConsumerInteraction = {
      ...health,
      id: 'health.broken',
      description: 'a liveness check the client misreads',
      // The pinned body breaks the route schema, so the harness client refuses it.
      response: { status: 200, body: { status: 'degraded' } },
    };
    const failure = writeConsumerInteraction(broken, { pactDir: dir, env: {} });
    // The client's own error comes first, not Pact's mismatch report.
    await expect(failure).rejects.toMatchObject({
      name: 'PactInteractionError',
      code: 'DC_ERR_PACT_INTERACTION',
      interaction: 'health.broken',
      clientError: { name: 'SchemaValidationError' },
      cause: { name: 'SchemaValidationError' },
      mismatches: [],
    });
    await expect(failure).rejects.toThrow(/health\.broken: the harness client failed with SchemaValidationError/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('rejects when the client sends another request than the pact describes', async () => {
    const wrongPath: ConsumerInteraction = { ...health, id: 'health.path', request: { path: '/healthz' } };
    const failure = writeConsumerInteraction(wrongPath, { pactDir: dir, env: {} });
    // The mock server answers the unexpected /health with a 500 the client reports; the report
    // names the /healthz request the client never sent.
    await expect(failure).rejects.toMatchObject({ name: 'PactInteractionError', interaction: 'health.path' });
    const error: unknown = await failure.catch((caught: unknown) => caught);
    if (!isPactInteractionError(error)) throw new Error('expected a PactInteractionError');
    expect(error.mismatches.map((mismatch) => mismatch.type).sort()).toEqual(['missing-request', 'request-not-found']);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('clearPactDir', () => {
  it('removes pact files only and creates a missing directory', async () => {
    await writeFile(join(dir, 'old-DutyClaims.json'), '{}');
    await writeFile(join(dir, 'README.md'), 'keep me');
    await clearPactDir(dir);
    expect(await readdir(dir)).toEqual(['README.md']);
    await clearPactDir(join(dir, 'new'));
    expect(await readdir(join(dir, 'new'))).toEqual([]);
  });
});
