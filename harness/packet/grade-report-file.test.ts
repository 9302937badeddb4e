import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_SECRETS, sampleGradeReport } from '../../test/support/sample-packet.js';
import { type GradeReportFileError, isGradeReportFileError } from './errors.js';
import { readGradeReportFile } from './grade-report-file.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'grade-report-file-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const fileWith = async (name: string, text: string) => {
  const file = join(root, name);
  await writeFile(file, text, 'utf8');
  return file;
};

const failure = async (file: string): Promise<GradeReportFileError> => {
  const error = await readGradeReportFile(file).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isGradeReportFileError(error)) throw new Error(`expected GradeReportFileError, got ${String(error)}`);
  return error;
};

describe('readGradeReportFile', () => {
  it('reads a report as `grade-webhook --json` prints it', async () => {
    const report = sampleGradeReport();
    const file = await fileWith('webhook-grade.json', `${JSON.stringify(report, null, 2)}\n`);
    await expect(readGradeReportFile(file)).resolves.toEqual(report);
  });

  it('names a missing file and says how to write one', async () => {
    const file = join(root, 'missing.json');
    const error = await failure(file);
    expect(error).toMatchObject({ code: 'DC_ERR_GRADE_REPORT_FILE', problem: 'unreadable', file });
    expect(error.message).toContain(`Cannot use the grade report ${file}: it cannot be read (ENOENT).`);
    expect(error.message).toContain('grade-webhook --json > FILE');
  });

  it('refuses text that is not JSON without quoting it', async () => {
    const error = await failure(await fileWith('text.json', 'webhook-receiver grade of http://x\nPASS ...'));
    expect(error.problem).toBe('not_json');
    expect(error.message).toContain('it is not valid JSON.');
    expect(error.message).not.toContain('PASS ...');
    expect((await failure(await fileWith('empty.json', '\n'))).message).toContain('it is empty.');
  });

  it('lists the first schema issues with their paths', async () => {
    const report = sampleGradeReport();
    const broken = {
      ...report,
      startedAt: 'yesterday',
      checks: report.checks.map((check, index) => (index === 1 ? { ...check, verdict: 'skipped' } : check)),
    };
    const error = await failure(await fileWith('broken.json', JSON.stringify(broken)));
    expect(error.problem).toBe('not_a_report');
    expect(error.issues.map((issue) => issue.path)).toEqual(['startedAt', 'checks[1].verdict']);
    expect(error.message).toContain('it is not a grade report (2 issues).');
    expect(error.message).toContain('  - checks[1].verdict: ');
  });

  it('lists at most five issues', async () => {
    const error = await failure(await fileWith('array.json', JSON.stringify({ checks: [1, 2, 3, 4, 5, 6] })));
    expect(error.issues.length).toBeGreaterThan(5);
    expect(error.message.split('\n').filter((line) => line.startsWith('  - '))).toHaveLength(5);
    expect(error.message).toContain(`... and ${error.issues.length - 5} more`);
  });

  it('refuses a report holding a full credential and shows only its prefix', async () => {
    const report = { ...sampleGradeReport(), settings: { credential: SAMPLE_SECRETS.apiKey } };
    const error = await failure(await fileWith('leaky.json', JSON.stringify(report, null, 2)));
    expect(error.problem).toBe('contains_secret');
    expect(error.message).toMatch(/line \d+: a DutyClaims API key starting "dc_test_7k2m…"/);
    expect(error.message).not.toContain(SAMPLE_SECRETS.apiKey.slice(0, 14));
  });
});
