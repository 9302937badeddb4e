import type { SecretFinding } from './secret-scan.js';

/** One reason a packet failed validation: where in the packet, and what is wrong (never the value). */
export interface PacketIssue {
  readonly path: string;
  readonly message: string;
}

const MAX_LISTED_ISSUES = 20;

/** The packet does not match the schema or contradicts itself. This is a bug in whatever built it. */
export class PacketValidationError extends Error {
  override readonly name = 'PacketValidationError' as const;
  readonly code = 'DC_ERR_PACKET_INVALID' as const;
  readonly issues: readonly PacketIssue[];

  constructor(issues: readonly PacketIssue[]) {
    const listed = issues.slice(0, MAX_LISTED_ISSUES).map((issue) => `  - ${issue.path || '(root)'}: ${issue.message}`);
    const more = issues.length > MAX_LISTED_ISSUES ? [`  ... and ${issues.length - MAX_LISTED_ISSUES} more`] : [];
    super(
      [
        `The launch packet is invalid (${issues.length} issue${issues.length === 1 ? '' : 's'}); nothing was written.`,
        ...listed,
        ...more,
        'This is a bug in the code that built the packet: fix it to produce a packet that matches harness/packet/schema.ts.',
      ].join('\n'),
    );
    this.issues = issues;
  }
}

/** The secrets found in one rendered file. */
export interface PacketLeak {
  readonly file: string;
  readonly findings: readonly SecretFinding[];
}

/** A rendered packet file contained a secret; nothing was written. Only prefixes of the match are kept. */
export class PacketSecretLeakError extends Error {
  override readonly name = 'PacketSecretLeakError' as const;
  readonly code = 'DC_ERR_PACKET_SECRET' as const;
  /** The first file that leaked. */
  readonly file: string;
  readonly leaks: readonly PacketLeak[];

  constructor(leaks: readonly [PacketLeak, ...PacketLeak[]]) {
    const [first] = leaks;
    const lines = leaks.flatMap((leak) =>
      leak.findings.map(
        (finding) => `  - ${leak.file} line ${finding.line}: ${finding.description} starting "${finding.prefix}"`,
      ),
    );
    super(
      [
        `Refusing to write the launch packet: ${first.file} would contain a secret; nothing was written.`,
        ...lines,
        'Put only a short prefix (12 characters or fewer, e.g. "dc_live_abcd") of a credential or signing secret in the packet.',
      ].join('\n'),
    );
    this.file = first.file;
    this.leaks = leaks;
  }
}

/** True for a PacketValidationError from any copy of this module. */
export const isPacketValidationError = (error: unknown): error is PacketValidationError =>
  error instanceof Error && error.name === 'PacketValidationError';

/** True for a PacketSecretLeakError from any copy of this module. */
export const isPacketSecretLeakError = (error: unknown): error is PacketSecretLeakError =>
  error instanceof Error && error.name === 'PacketSecretLeakError';

/** Why a grade report file could not be used. */
export type GradeReportFileProblem = 'unreadable' | 'not_json' | 'not_a_report' | 'contains_secret';

const MAX_LISTED_GRADE_ISSUES = 5;
const GRADE_REPORT_HINT =
  'Write it with `dutyclaims-launch grade-webhook --json > FILE` or `dutyclaims-launch grade-client --json -- <command> > FILE` and pass that FILE.';

/** A `--grade-report` file is unreadable, not JSON, not a GradeReport or holds a secret. Only paths and prefixes are kept. */
export class GradeReportFileError extends Error {
  override readonly name = 'GradeReportFileError' as const;
  readonly code = 'DC_ERR_GRADE_REPORT_FILE' as const;
  readonly file: string;
  readonly problem: GradeReportFileProblem;
  /** Schema issues (for `not_a_report`) or secret findings as "line N: ..." (for `contains_secret`). */
  readonly issues: readonly PacketIssue[];

  constructor(file: string, problem: GradeReportFileProblem, detail: string, issues: readonly PacketIssue[] = []) {
    const listed = issues
      .slice(0, MAX_LISTED_GRADE_ISSUES)
      .map((issue) => `  - ${issue.path || '(root)'}: ${issue.message}`);
    const more =
      issues.length > MAX_LISTED_GRADE_ISSUES ? [`  ... and ${issues.length - MAX_LISTED_GRADE_ISSUES} more`] : [];
    super([`Cannot use the grade report ${file}: ${detail}`, ...listed, ...more, GRADE_REPORT_HINT].join('\n'));
    this.file = file;
    this.problem = problem;
    this.issues = issues;
  }
}

/** True for a GradeReportFileError from any copy of this module. */
export const isGradeReportFileError = (error: unknown): error is GradeReportFileError =>
  error instanceof Error && error.name === 'GradeReportFileError';
