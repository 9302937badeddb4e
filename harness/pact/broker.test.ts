import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpTestServer } from '../../test/support/create-http-test-server.js';
import { buildPublishInvocation, canIDeploy, publishPacts } from './broker.js';
import { isPactBrokerCommandError, isPactConfigurationError } from './errors.js';

const TOKEN = 'pbtok_0123456789abcdef';

// A stand-in for pact-broker: records its argv and the environment it got, prints a line that
// contains the token, and exits with $FAKE_EXIT.
const FAKE = `#!/usr/bin/env node
const fs = require('node:fs');
fs.writeFileSync(process.env.FAKE_RECORD, JSON.stringify({
  argv: process.argv.slice(2),
  token: process.env.PACT_BROKER_TOKEN ?? null,
  doNotTrack: process.env.PACT_DO_NOT_TRACK ?? null,
}));
console.log('authenticated with ' + process.env.PACT_BROKER_TOKEN);
process.exit(Number(process.env.FAKE_EXIT ?? '0'));
`;

let dir: string;
let binary: string;
let record: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dutyclaims-broker-'));
  binary = join(dir, 'pact-broker.cjs');
  record = join(dir, 'record.json');
  await writeFile(binary, FAKE);
  await chmod(binary, 0o755);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const env = (exit: number) => ({
  PATH: process.env.PATH,
  FAKE_RECORD: record,
  FAKE_EXIT: String(exit),
  PACT_BROKER_TOKEN: TOKEN,
});
const recorded = async () =>
  JSON.parse(await readFile(record, 'utf8')) as { argv: string[]; token: string | null; doNotTrack: string | null };
const lines = () => {
  const out: string[] = [];
  return { out, io: { out: (line: string) => out.push(line), err: (line: string) => out.push(line) } };
};

describe('publishPacts', () => {
  it('runs pact-broker publish with the token in the environment only, and masks it in the output', async () => {
    const { out, io } = lines();
    await publishPacts({
      brokerUrl: 'https://broker.example',
      pactDir: dir,
      consumerVersion: '3f2a9c1',
      branch: 'main',
      tags: ['rc'],
      buildUrl: 'https://ci.example/1',
      binary,
      env: env(0),
      io,
    });
    const { argv, token, doNotTrack } = await recorded();
    expect(argv).toEqual([
      'publish',
      dir,
      '--broker-base-url',
      'https://broker.example',
      '--consumer-app-version',
      '3f2a9c1',
      '--branch',
      'main',
      '--tag',
      'rc',
      '--build-url',
      'https://ci.example/1',
    ]);
    expect(argv.join(' ')).not.toContain(TOKEN);
    expect({ token, doNotTrack }).toEqual({ token: TOKEN, doNotTrack: 'true' });
    expect(out).toEqual(['authenticated with pbto…']);
  });

  it('throws PactBrokerCommandError with the exit code when publishing fails', async () => {
    const error = await publishPacts({
      brokerUrl: 'https://broker.example',
      pactDir: dir,
      consumerVersion: '1',
      binary,
      env: env(1),
      io: lines().io,
    }).catch((caught: unknown) => caught);
    expect(isPactBrokerCommandError(error) && { command: error.command, exitCode: error.exitCode }).toEqual({
      command: 'publish',
      exitCode: 1,
    });
  });

  it('refuses a broker URL with credentials in it', () => {
    expect(() =>
      buildPublishInvocation({
        brokerUrl: 'https://user:pw@broker.example',
        pactDir: dir,
        consumerVersion: '1',
        binary,
      }),
    ).toThrow(/Do not put credentials in the broker URL/);
  });
});

describe('canIDeploy', () => {
  const options = (exit: number) => ({
    brokerUrl: 'https://broker.example',
    pacticipants: [{ name: 'DutyClaims', version: '3f2a9c1' }],
    toEnvironment: 'production',
    retryWhileUnknown: 3,
    retryIntervalSeconds: 10,
    binary,
    env: env(exit),
    io: lines().io,
  });

  it('answers yes on exit 0 with the pacticipants, environment and retries on the command line', async () => {
    expect(await canIDeploy(options(0))).toBe(true);
    expect((await recorded()).argv).toEqual([
      'can-i-deploy',
      '--pacticipant',
      'DutyClaims',
      '--version',
      '3f2a9c1',
      '--to-environment',
      'production',
      '--broker-base-url',
      'https://broker.example',
      '--retry-while-unknown',
      '3',
      '--retry-interval',
      '10',
    ]);
  });

  it('answers no on exit 1 and fails on any other exit code', async () => {
    expect(await canIDeploy(options(1))).toBe(false);
    const error = await canIDeploy(options(3)).catch((caught: unknown) => caught);
    expect(isPactBrokerCommandError(error) && error.exitCode).toBe(3);
  });

  it('fails clearly when the binary cannot start', async () => {
    const error = await canIDeploy({ ...options(0), binary: join(dir, 'missing') }).catch((caught: unknown) => caught);
    expect(isPactBrokerCommandError(error) && error.message).toMatch(/Could not start .*missing/);
    expect(isPactConfigurationError(error)).toBe(false);
  });
});

// The real pact-broker of @pact-foundation/pact-cli against a loopback stand-in for a broker: the
// arguments the harness builds are accepted, the token from the environment is sent as a bearer
// token, and the exit codes map as documented. No real Pact Broker runs here.
describe('with the real pact-broker binary', () => {
  const realEnv = { ...process.env, PACT_BROKER_TOKEN: TOKEN, PACT_BROKER_HTTP_RETRIES: '0' };

  it('publishes the pact files, token in the Authorization header, contract hash in the content', async () => {
    await writeFile(
      join(dir, 'acme-erp-DutyClaims.json'),
      JSON.stringify({
        consumer: { name: 'acme-erp' },
        provider: { name: 'DutyClaims' },
        interactions: [],
        metadata: { dutyclaims: { contractHash: '4d430a74e95b56a1' }, pactSpecification: { version: '4.0' } },
      }),
    );
    await using broker = await createHttpTestServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/hal+json' });
      res.end(
        req.method === 'GET'
          ? JSON.stringify({ _links: { 'pb:publish-contracts': { href: `${broker.url}/contracts/publish` } } })
          : JSON.stringify({ notices: [], _links: {} }),
      );
    });
    await publishPacts({
      brokerUrl: broker.url,
      pactDir: dir,
      consumerVersion: '3f2a9c1',
      branch: 'main',
      env: realEnv,
      io: lines().io,
    });
    const publish = broker.requests.find((request) => request.method === 'POST');
    expect(broker.requests.every((request) => request.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    const body = JSON.parse(publish?.body ?? '{}') as {
      pacticipantVersionNumber: string;
      branch: string;
      contracts: { content: string }[];
    };
    expect(body).toMatchObject({ pacticipantVersionNumber: '3f2a9c1', branch: 'main' });
    const content = JSON.parse(Buffer.from(body.contracts[0]?.content ?? '', 'base64').toString('utf8'));
    expect(content.metadata.dutyclaims.contractHash).toBe('4d430a74e95b56a1');
  });

  it.each([[true], [false]])('can-i-deploy answers %s as the broker says', async (deployable) => {
    await using broker = await createHttpTestServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/hal+json' });
      res.end(
        JSON.stringify({
          summary: { deployable, reason: 'stand-in', success: 0, failed: 0, unknown: 0 },
          matrix: [],
          notices: [],
        }),
      );
    });
    const answer = await canIDeploy({
      brokerUrl: broker.url,
      pacticipants: [{ name: 'DutyClaims', version: '3f2a9c1' }],
      toEnvironment: 'production',
      env: realEnv,
      io: lines().io,
    });
    expect(answer).toBe(deployable);
    expect(broker.requests[0]?.url).toMatch(/^\/matrix\?.*pacticipant\]=DutyClaims.*environment=production/);
  });

  it('can-i-deploy throws instead of answering no when the broker cannot be reached', async () => {
    const closed = await createHttpTestServer();
    await closed.close();
    const error = await canIDeploy({
      brokerUrl: closed.url,
      pacticipants: [{ name: 'DutyClaims', version: '3f2a9c1' }],
      toEnvironment: 'production',
      env: realEnv,
      io: lines().io,
    }).catch((caught: unknown) => caught);
    expect(isPactBrokerCommandError(error) && error.message).toMatch(/could not reach/);
  });
});
