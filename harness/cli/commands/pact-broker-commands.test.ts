import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCanIDeployCommand } from './can-i-deploy.js';
import { runPublishPactsCommand } from './publish-pacts.js';
import type { PactCliIo } from './verify-provider.js';

const FAKE = `#!/usr/bin/env node
require('node:fs').writeFileSync(process.env.FAKE_RECORD, JSON.stringify(process.argv.slice(2)));
process.exit(Number(process.env.FAKE_EXIT ?? '0'));
`;

let dir: string;
let env: Record<string, string | undefined>;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dutyclaims-cli-broker-'));
  const binary = join(dir, 'pact-broker.cjs');
  await writeFile(binary, FAKE);
  await chmod(binary, 0o755);
  env = {
    PATH: process.env.PATH,
    DUTYCLAIMS_PACT_BROKER_BIN: binary,
    FAKE_RECORD: join(dir, 'argv.json'),
    PACT_BROKER_BASE_URL: 'https://broker.example',
  };
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const capture = () => {
  const lines: string[] = [];
  const io: PactCliIo = { out: (line) => lines.push(line), err: (line) => lines.push(line) };
  return { io, lines };
};
/** stdout and stderr apart, for --json: the result must be the only stdout line. */
const captureApart = () => {
  const out: string[] = [];
  const err: string[] = [];
  const io: PactCliIo = { out: (line) => out.push(line), err: (line) => err.push(line) };
  return { io, out, err };
};
const CHATTY = `#!/usr/bin/env node
console.log('Computer says yes');
console.error('a warning');
process.exit(Number(process.env.FAKE_EXIT ?? '0'));
`;
const argvSeen = async () => JSON.parse(await readFile(join(dir, 'argv.json'), 'utf8')) as string[];
const writePact = (hash: string | null) =>
  writeFile(
    join(dir, 'pacts', 'acme-erp-DutyClaims.json'),
    JSON.stringify({
      consumer: { name: 'acme-erp' },
      interactions: [],
      metadata: hash ? { dutyclaims: { contractHash: hash } } : {},
    }),
  );

describe('publish-pacts', () => {
  it('skips with exit 0 under --if-configured when no broker is set, and exits 2 without it', async () => {
    const { io, lines } = capture();
    expect(await runPublishPactsCommand(['--if-configured', '--consumer-version', '1'], io, {})).toBe(0);
    expect(lines).toEqual(['No Pact Broker configured (--broker-url or PACT_BROKER_BASE_URL): nothing published.']);
    expect(await runPublishPactsCommand(['--consumer-version', '1'], capture().io, {})).toBe(2);
  });

  it('publishes pinned pacts through pact-broker and refuses pacts without a contract hash', async () => {
    await mkdir(join(dir, 'pacts'));
    await writePact(null);
    const refused = capture();
    expect(
      await runPublishPactsCommand(['--pact-dir', join(dir, 'pacts'), '--consumer-version', '1'], refused.io, env),
    ).toBe(2);
    expect(refused.lines.join('\n')).toContain('carry no metadata.dutyclaims.contractHash');

    await writePact('4d430a74e95b56a1');
    expect(
      await runPublishPactsCommand(
        ['--pact-dir', join(dir, 'pacts'), '--consumer-version', '1', '--tag', 'rc'],
        capture().io,
        env,
      ),
    ).toBe(0);
    expect(await argvSeen()).toEqual([
      'publish',
      join(dir, 'pacts'),
      '--broker-base-url',
      'https://broker.example',
      '--consumer-app-version',
      '1',
      '--tag',
      'rc',
    ]);
    expect(
      await runPublishPactsCommand(['--pact-dir', join(dir, 'pacts'), '--consumer-version', '1'], capture().io, {
        ...env,
        FAKE_EXIT: '1',
      }),
    ).toBe(1);
  });
});

describe('--json', () => {
  const chatty = async () => {
    const binary = join(dir, 'chatty.cjs');
    await writeFile(binary, CHATTY);
    await chmod(binary, 0o755);
    return { ...env, DUTYCLAIMS_PACT_BROKER_BIN: binary };
  };

  it('publish-pacts prints one JSON object on stdout, pact-broker output on stderr', async () => {
    await mkdir(join(dir, 'pacts'));
    await writePact('4d430a74e95b56a1');
    const args = ['--pact-dir', join(dir, 'pacts'), '--consumer-version', '1', '--branch', 'main', '--json'];
    const ok = captureApart();
    expect(await runPublishPactsCommand(args, ok.io, await chatty())).toBe(0);
    expect(ok.out).toHaveLength(1);
    expect(JSON.parse(ok.out[0] ?? '')).toEqual({
      published: true,
      brokerUrl: 'https://broker.example',
      pactDir: join(dir, 'pacts'),
      consumerVersion: '1',
      branch: 'main',
      pacts: [
        {
          location: join(dir, 'pacts', 'acme-erp-DutyClaims.json'),
          consumer: 'acme-erp',
          contractHash: '4d430a74e95b56a1',
        },
      ],
    });
    expect(ok.err).toEqual(['Computer says yes', 'a warning']);
    const refused = captureApart();
    expect(await runPublishPactsCommand(args, refused.io, { ...(await chatty()), FAKE_EXIT: '1' })).toBe(1);
    expect(JSON.parse(refused.out[0] ?? '')).toMatchObject({
      published: false,
      code: 'DC_ERR_PACT_BROKER',
      exitCode: 1,
    });
    const skipped = captureApart();
    expect(await runPublishPactsCommand(['--if-configured', '--json', '--consumer-version', '1'], skipped.io, {})).toBe(
      0,
    );
    expect(JSON.parse(skipped.out[0] ?? '')).toMatchObject({ published: false, skipped: true });
  });

  it('can-i-deploy prints deployable true, false, or null when the broker could not be asked', async () => {
    const args = ['--pacticipant', 'DutyClaims=3f2a9c1', '--to-environment', 'production', '--json'];
    const asked = {
      brokerUrl: 'https://broker.example',
      pacticipants: [{ name: 'DutyClaims', version: '3f2a9c1' }],
      toEnvironment: 'production',
    };
    const yes = captureApart();
    expect(await runCanIDeployCommand(args, yes.io, await chatty())).toBe(0);
    expect(yes.out.map((line) => JSON.parse(line))).toEqual([{ deployable: true, ...asked }]);
    expect(yes.err).toContain('Computer says yes');
    const no = captureApart();
    expect(await runCanIDeployCommand(args, no.io, { ...(await chatty()), FAKE_EXIT: '1' })).toBe(1);
    expect(no.out.map((line) => JSON.parse(line))).toEqual([{ deployable: false, ...asked }]);
    const broken = captureApart();
    expect(await runCanIDeployCommand(args, broken.io, { ...(await chatty()), FAKE_EXIT: '3' })).toBe(1);
    expect(JSON.parse(broken.out[0] ?? '')).toMatchObject({
      deployable: null,
      code: 'DC_ERR_PACT_BROKER',
      exitCode: 3,
    });
  });
});

describe('can-i-deploy', () => {
  it('maps the answer to exit 0 or 1 and passes NAME=VERSION pairs as pacticipants', async () => {
    const yes = capture();
    const argv = [
      '--pacticipant',
      'DutyClaims=3f2a9c1',
      '--pacticipant',
      'acme-erp=9.1',
      '--to-environment',
      'production',
    ];
    expect(await runCanIDeployCommand(argv, yes.io, env)).toBe(0);
    expect(yes.lines).toEqual(['can-i-deploy: yes']);
    expect(await argvSeen()).toEqual([
      'can-i-deploy',
      '--pacticipant',
      'DutyClaims',
      '--version',
      '3f2a9c1',
      '--pacticipant',
      'acme-erp',
      '--version',
      '9.1',
      '--to-environment',
      'production',
      '--broker-base-url',
      'https://broker.example',
    ]);
    expect(await runCanIDeployCommand(argv, capture().io, { ...env, FAKE_EXIT: '1' })).toBe(1);
  });

  it('exits 2 for a pacticipant without a version', async () => {
    const { io, lines } = capture();
    expect(await runCanIDeployCommand(['--pacticipant', 'DutyClaims', '--to-environment', 'production'], io, env)).toBe(
      2,
    );
    expect(lines.join('\n')).toContain('must be NAME=VERSION');
  });
});
