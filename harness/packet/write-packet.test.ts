import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_SECRETS, samplePacket } from '../../test/support/sample-packet.js';
import { isPacketSecretLeakError, isPacketValidationError } from './errors.js';
import { LaunchPacket } from './schema.js';
import { writeLaunchPacket } from './write-packet.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'packet-unit-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const rejection = async (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );

describe('writeLaunchPacket', () => {
  it('creates the directory and writes JSON, Markdown and HTML, and JUnit only when asked', async () => {
    const out = join(root, 'nested', 'packet');
    const written = await writeLaunchPacket(samplePacket(), out);
    expect(written).toEqual({
      json: join(out, 'launch-packet.json'),
      markdown: join(out, 'launch-packet.md'),
      html: join(out, 'launch-packet.html'),
      junit: null,
    });
    expect((await readdir(out)).sort()).toEqual(['launch-packet.html', 'launch-packet.json', 'launch-packet.md']);
    const withJunit = await writeLaunchPacket(samplePacket(), out, { junit: true });
    expect(withJunit.junit).toBe(join(out, 'junit.xml'));
    expect(await readFile(join(out, 'junit.xml'), 'utf8')).toMatch(/^<\?xml/);
  });

  it('writes JSON that parses back to the same packet', async () => {
    const packet = samplePacket();
    const written = await writeLaunchPacket(packet, root);
    expect(LaunchPacket.parse(JSON.parse(await readFile(written.json, 'utf8')))).toEqual(packet);
  });

  it('does not change the caller packet', async () => {
    const packet = samplePacket();
    const before = structuredClone(packet);
    await writeLaunchPacket(
      Object.freeze(packet),
      root,
      Object.freeze({ junit: true, secrets: Object.freeze(['x'.repeat(20)]) }),
    );
    expect(packet).toEqual(before);
  });

  it('throws on an invalid packet and writes nothing', async () => {
    const out = join(root, 'invalid');
    const error = await rejection(writeLaunchPacket({ ...samplePacket(), verdict: 'ready' }, out));
    expect(isPacketValidationError(error)).toBe(true);
    await expect(readdir(out)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a packet that would show a full secret, naming the file and only a prefix', async () => {
    const packet = samplePacket();
    const out = join(root, 'leaky');
    const leaky = {
      ...packet,
      owners: { ...packet.owners, secretStorage: `env var set to ${SAMPLE_SECRETS.oauthClientSecret}` },
    };
    const error = await rejection(writeLaunchPacket(leaky, out, { secrets: Object.values(SAMPLE_SECRETS) }));
    if (!isPacketSecretLeakError(error)) throw error;
    expect(error.code).toBe('DC_ERR_PACKET_SECRET');
    expect(error.file).toBe(join(out, 'launch-packet.json'));
    expect(error.leaks.map((leak) => leak.file.slice(out.length + 1))).toEqual([
      'launch-packet.json',
      'launch-packet.md',
      'launch-packet.html',
    ]);
    expect(error.message).toContain('a known secret starting "ocs_Hq7Vb2N…"');
    expect(error.message).not.toContain(SAMPLE_SECRETS.oauthClientSecret.slice(0, 12));
    expect(JSON.stringify(error.leaks)).not.toContain(SAMPLE_SECRETS.oauthClientSecret.slice(0, 12));
    await expect(readdir(out)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a credential-shaped secret even when the caller did not list it', async () => {
    const packet = samplePacket();
    const leaky = { ...packet, credential: { ...packet.credential, prefix: SAMPLE_SECRETS.apiKey } };
    const error = await rejection(writeLaunchPacket(leaky, root, { junit: true }));
    expect(isPacketSecretLeakError(error) && error.message).toContain('a DutyClaims API key starting "dc_test_7k2m…"');
  });
});
