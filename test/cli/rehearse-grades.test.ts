import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../harness/cli/run-cli.js';
import type { GradeReport } from '../../harness/grading/shared/report.js';
import { LaunchPacket } from '../../harness/packet/index.js';
import { sampleGradeReport } from '../support/sample-packet.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'rehearse-grades-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function rehearse(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['rehearse', ...argv], {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: {},
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Writes a report the way `grade-webhook --json > FILE` does. */
async function reportFile(name: string, report: unknown): Promise<string> {
  const file = join(root, name);
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`, 'utf8');
  return file;
}

const allPassed = (): GradeReport => {
  const report = sampleGradeReport();
  return { ...report, checks: report.checks.map((check) => ({ ...check, verdict: 'pass' as const })) };
};

const readPacket = async (dir: string) =>
  LaunchPacket.parse(JSON.parse(await readFile(join(dir, 'launch-packet.json'), 'utf8')));

describe('dutyclaims-launch rehearse --grade-report', () => {
  it('puts a report whose checks all passed in the packet and exits 0', async () => {
    const report = allPassed();
    const dir = join(root, 'all-passed');
    const { code, out } = await rehearse('--out', dir, '--grade-report', await reportFile('passed.json', report));
    expect(code).toBe(0);
    const packet = await readPacket(dir);
    expect(packet.verdict).toBe('ready');
    expect(packet.grades).toEqual([report]);
    expect(out).toContain('Partner integration grades: 0 checks failed, 0 not graded, 6 passed (1 report).');
    expect(await readFile(join(dir, 'launch-packet.md'), 'utf8')).toContain('## Partner integration grades');
  });

  it('exits 1 when a grade check failed, though every gate passed, and keeps the reports in order', async () => {
    const dir = join(root, 'failed');
    const passed = await reportFile('passed-too.json', allPassed());
    const failed = await reportFile('failed.json', sampleGradeReport());
    const { code, out } = await rehearse('--out', dir, '--junit', '--grade-report', passed, '--grade-report', failed);
    expect(code).toBe(1);
    const packet = await readPacket(dir);
    expect(packet.verdict).toBe('ready');
    expect(packet.gates.every((gate) => gate.verdict === 'pass')).toBe(true);
    expect(packet.grades).toEqual([allPassed(), sampleGradeReport()]);
    expect(out).toContain('Verdict: READY');
    expect(out).toContain('Partner integration grades: 1 check failed, 1 not graded, 10 passed (2 reports).');
    expect(out).toMatch(/✗ FAIL +tampered-body +acknowledged \(tampered body -> 200\)/);
    expect(out).toMatch(/– NOT GRADED +duplicate-processed-once/);
    const junit = await readFile(join(dir, 'junit.xml'), 'utf8');
    expect(junit).toMatch(
      /<testsuites name="[^"]*: READY · reference mock rehearsal \(not evidence for live traffic\) · Partner integration grades: 1 check failed[^"]*"[^>]* failures="1"/,
    );
  });

  it('exits 2 before the run, naming an invalid file and its first issues', async () => {
    const dir = join(root, 'invalid');
    const report = sampleGradeReport();
    const invalid = await reportFile('invalid.json', {
      ...report,
      checks: report.checks.map((check, index) => (index === 0 ? { ...check, verdict: 'passed' } : check)),
    });
    const { code, out, err } = await rehearse('--out', dir, '--grade-report', invalid);
    expect(code).toBe(2);
    expect(err).toContain(`Cannot use the grade report ${invalid}: it is not a grade report (1 issue).`);
    expect(err).toContain('  - checks[0].verdict: ');
    expect(out).not.toContain('step 1');
    await expect(readdir(dir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('exits 2 naming every unreadable or non-JSON file, and runs nothing', async () => {
    const dir = join(root, 'unreadable');
    const missing = join(root, 'missing.json');
    const text = join(root, 'text-output.json');
    await writeFile(text, 'webhook-receiver grade of http://127.0.0.1:8080/webhooks\n', 'utf8');
    const good = await reportFile('good.json', allPassed());
    const { code, err } = await rehearse(
      '--out',
      dir,
      '--grade-report',
      good,
      '--grade-report',
      missing,
      '--grade-report',
      text,
    );
    expect(code).toBe(2);
    expect(err).toContain(`Cannot use the grade report ${missing}: it cannot be read (ENOENT).`);
    expect(err).toContain(`Cannot use the grade report ${text}: it is not valid JSON.`);
    expect(err).not.toContain(good);
    await expect(readdir(dir)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
