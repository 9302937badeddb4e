import { beforeAll, describe, expect, it } from 'vitest';
import { nodeClientCommand } from '../../examples/partner-clients/src/commands.js';
import { CLIENT_FLAWS, type ClientFlaw } from '../../examples/partner-clients/src/flaws.js';
import { gradeClient } from '../../harness/grading/client/index.js';
import { GradeReport } from '../../harness/grading/shared/index.js';

// Each deliberate defect of the TypeScript reference client fails exactly the check it targets:
// every check can fail, and a defect never spills into another check. The nine runs are graded at
// once (each has its own mock on its own port), then asserted one test per flaw.
const flaws = Object.entries(CLIENT_FLAWS) as [ClientFlaw, string][];
const reports = new Map<ClientFlaw, GradeReport>();

beforeAll(async () => {
  await Promise.all(
    flaws.map(async ([flaw]) => {
      const report = await gradeClient({ command: nodeClientCommand([flaw]), timeoutMs: 500, maxConcurrency: 4 });
      reports.set(flaw, GradeReport.parse(report));
    }),
  );
}, 60_000);

describe('the TypeScript client with one deliberate flaw fails exactly the matching check', () => {
  it.each(flaws)('%s fails %s', (flaw, checkId) => {
    const report = reports.get(flaw);
    const failing = report?.checks.filter((check) => check.verdict === 'fail') ?? [];
    expect(
      failing.map((check) => check.id),
      failing.map((check) => `${check.id}: ${check.reason}`).join('\n'),
    ).toEqual([checkId]);
    expect(report?.checks.filter((check) => check.verdict === 'not_graded')).toEqual([]);
    expect(failing[0]?.evidence.length).toBeGreaterThan(0);
  });
});
