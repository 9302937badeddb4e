import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findSecrets,
  isPacketSecretLeakError,
  type LaunchPacket,
  LaunchPacket as LaunchPacketSchema,
  renderHtml,
  writeLaunchPacket,
} from '../../harness/packet/index.js';
import { SAMPLE_SECRETS, samplePacket } from '../support/sample-packet.js';

const knownSecrets = Object.values(SAMPLE_SECRETS);
let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'launch-packet-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('a written launch packet', () => {
  let dir: string;
  beforeAll(async () => {
    dir = join(root, 'sample');
    await writeLaunchPacket(samplePacket(), dir, { junit: true, secrets: knownSecrets });
  });

  it('holds the four files', async () => {
    expect((await readdir(dir)).sort()).toEqual([
      'junit.xml',
      'launch-packet.html',
      'launch-packet.json',
      'launch-packet.md',
    ]);
  });

  it('leaves no junit.xml of an earlier run beside a packet written without one', async () => {
    const again = join(root, 'rewritten');
    await writeLaunchPacket(samplePacket(), again, { junit: true, secrets: knownSecrets });
    await writeLaunchPacket(samplePacket(), again, { secrets: knownSecrets });
    expect((await readdir(again)).sort()).toEqual(['launch-packet.html', 'launch-packet.json', 'launch-packet.md']);
  });

  it('has JSON that validates against the packet schema and keeps every gate verdict', async () => {
    const packet = LaunchPacketSchema.parse(JSON.parse(await readFile(join(dir, 'launch-packet.json'), 'utf8')));
    expect(packet.verdict).toBe('not_ready');
    expect(packet.gates.map((gate) => [gate.id, gate.verdict])).toEqual([
      ['environment-and-contract-pin', 'fail'],
      ['credential-and-header-discipline', 'pass'],
      ['traceability-and-idempotency', 'pass'],
      ['webhook-readiness', 'not_run'],
      ['golden-path-rehearsal', 'pass'],
      ['support-and-rollback-packet', 'pass'],
    ]);
    expect(packet.logFields).toHaveLength(samplePacket().logFields.length);
  });

  it('has JSON that keeps the grade reports, check by check, and parses back to the same packet', async () => {
    const text = await readFile(join(dir, 'launch-packet.json'), 'utf8');
    const packet = LaunchPacketSchema.parse(JSON.parse(text));
    expect(packet).toEqual(samplePacket());
    expect(packet.grades.map((report) => [report.grader, report.target])).toEqual([
      ['webhook-receiver', 'http://127.0.0.1:8080/webhooks'],
    ]);
    expect(packet.grades[0]?.checks.map((check) => [check.id, check.verdict])).toEqual([
      ['valid-delivery', 'pass'],
      ['tampered-body', 'fail'],
      ['wrong-secret', 'pass'],
      ['malformed-signature', 'pass'],
      ['stale-timestamp', 'pass'],
      ['duplicate-processed-once', 'not_graded'],
    ]);
  });

  it('shows the failed grade check in the Markdown summary and the grades section', async () => {
    const markdown = await readFile(join(dir, 'launch-packet.md'), 'utf8');
    const summary = markdown.slice(0, markdown.indexOf('## Gates'));
    expect(summary).toContain('Partner integration grades: 1 check failed');
    expect(markdown).toContain('## Partner integration grades');
  });

  it('contains no secret in any file, only the allowed prefixes', async () => {
    for (const name of await readdir(dir)) {
      const text = await readFile(join(dir, name), 'utf8');
      expect(findSecrets(text, knownSecrets), name).toEqual([]);
      for (const secret of knownSecrets) expect(text, name).not.toContain(secret.slice(0, 16));
    }
    expect(await readFile(join(dir, 'launch-packet.md'), 'utf8')).toContain('`whsec_MfKQ9r`');
  });
});

describe('the secret scanner on rendered files', () => {
  it.each(knownSecrets)('catches a planted %s… in the HTML', (secret) => {
    const page = renderHtml(samplePacket());
    const planted = page.replace('</footer>', `${secret}</footer>`);
    expect(findSecrets(page, knownSecrets)).toEqual([]);
    expect(findSecrets(planted, knownSecrets)).toHaveLength(1);
  });

  it('catches full credentials by shape even when nobody listed them', () => {
    const page = renderHtml(samplePacket());
    expect(findSecrets(`${page}${SAMPLE_SECRETS.apiKey}\n${SAMPLE_SECRETS.webhookSecret}`)).toHaveLength(2);
  });
});

type Plant = (packet: LaunchPacket, secret: string) => LaunchPacket;
const plants: [string, string, Plant][] = [
  [
    'a webhook secret in the synthetic test result',
    SAMPLE_SECRETS.webhookSecret,
    (p, s) => ({ ...p, webhook: { ...p.webhook, syntheticTest: `signed with ${s}` } }),
  ],
  [
    'an API key in gate evidence',
    SAMPLE_SECRETS.apiKey,
    (p, s) => ({
      ...p,
      gates: p.gates.map((g) => ({ ...g, evidence: [...g.evidence, { label: 'Credential', value: s }] })),
    }),
  ],
  [
    'a client secret in a log field',
    SAMPLE_SECRETS.oauthClientSecret,
    (p, s) => ({ ...p, logFields: p.logFields.map((f) => ({ ...f, ids: { ...f.ids, client: s } })) }),
  ],
  [
    'a webhook secret in a grade evidence line',
    SAMPLE_SECRETS.webhookSecret,
    (p, s) => ({
      ...p,
      grades: p.grades.map((report) => ({
        ...report,
        checks: report.checks.map((check) => ({ ...check, evidence: [...check.evidence, `signed with secret ${s}`] })),
      })),
    }),
  ],
  [
    'an API key in a grade setting',
    SAMPLE_SECRETS.apiKey,
    (p, s) => ({
      ...p,
      grades: p.grades.map((report) => ({ ...report, settings: { ...report.settings, credential: s } })),
    }),
  ],
  [
    'an access token in the timeline',
    'dc_oat_Zq3Lm9Xw2Rt7Yp4Kd8Hs1Vb6',
    (p, s) => ({
      ...p,
      timeline: [...p.timeline, { at: p.run.finishedAt, step: 'token', detail: `Bearer ${s}`, ok: true }],
    }),
  ],
];

describe('writeLaunchPacket with a leaking packet', () => {
  it.each(plants)('refuses %s and writes nothing', async (name, secret, plant) => {
    const dir = join(root, name.replace(/\W+/g, '-'));
    const error = await writeLaunchPacket(plant(samplePacket(), secret), dir, {
      junit: true,
      secrets: knownSecrets,
    }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    if (!isPacketSecretLeakError(error)) throw new Error(`expected PacketSecretLeakError, got ${String(error)}`);
    expect(error.code).toBe('DC_ERR_PACKET_SECRET');
    expect(error.file).toBe(join(dir, 'launch-packet.json'));
    expect(error.message).not.toContain(secret.slice(0, 13));
    await expect(readdir(dir)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('the secret scanner on grade reports', () => {
  it('finds a secret planted in a grade evidence line in every rendered file', async () => {
    const packet = samplePacket();
    const grades = packet.grades.map((report) => ({
      ...report,
      checks: report.checks.map((check, index) =>
        index === 1 ? { ...check, evidence: [...check.evidence, `v1 from ${SAMPLE_SECRETS.webhookSecret}`] } : check,
      ),
    }));
    const dir = join(root, 'grade-evidence-leak');
    const error = await writeLaunchPacket({ ...packet, grades }, dir, { junit: true, secrets: knownSecrets }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    if (!isPacketSecretLeakError(error)) throw new Error(`expected PacketSecretLeakError, got ${String(error)}`);
    expect(error.leaks.map((leak) => leak.file.slice(dir.length + 1))).toEqual([
      'launch-packet.json',
      'launch-packet.md',
      'launch-packet.html',
      'junit.xml',
    ]);
    await expect(readdir(dir)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
