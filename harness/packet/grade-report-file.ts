import { readFile } from 'node:fs/promises';
import { GradeReport } from '../grading/shared/report.js';
import { GradeReportFileError } from './errors.js';
import { findSecrets } from './secret-scan.js';
import { issuePath } from './validate-packet.js';

const errorCode = (error: unknown): string =>
  error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : String(error);

/**
 * Reads a GradeReport JSON file as `grade-webhook --json > FILE` or `grade-client --json > FILE` write
 * it, and validates it. Refuses a file holding a full credential, since the packet writer would refuse
 * it only after the whole run. Throws GradeReportFileError naming the file and the first issues.
 * @example const report = await readGradeReportFile('webhook-grade.json');
 */
export async function readGradeReportFile(file: string): Promise<GradeReport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new GradeReportFileError(file, 'unreadable', `it cannot be read (${errorCode(error)}).`);
  }
  const secrets = findSecrets(text);
  if (secrets.length > 0)
    throw new GradeReportFileError(
      file,
      'contains_secret',
      'it contains a secret, and the launch packet refuses to show one.',
      secrets.map((finding) => ({
        path: `line ${finding.line}`,
        message: `${finding.description} starting "${finding.prefix}"`,
      })),
    );
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // The parser's message quotes the file's text, so it is left out.
    const detail = text.trim() === '' ? 'it is empty.' : 'it is not valid JSON.';
    throw new GradeReportFileError(file, 'not_json', detail);
  }
  const parsed = GradeReport.safeParse(json);
  if (!parsed.success) {
    const { issues } = parsed.error;
    throw new GradeReportFileError(
      file,
      'not_a_report',
      `it is not a grade report (${issues.length} issue${issues.length === 1 ? '' : 's'}).`,
      issues.map((issue) => ({ path: issuePath(issue.path), message: issue.message })),
    );
  }
  return parsed.data;
}
