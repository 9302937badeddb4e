import { beforeAll, describe, expect, it } from 'vitest';
import { nodeClientCommand } from '../../examples/partner-clients/src/commands.js';
import { CLIENT_FLAWS, type ClientFlaw } from '../../examples/partner-clients/src/flaws.js';
import { gradeClient } from '../../harness/grading/client/index.js';
import { GradeReport } from '../../harness/grading/shared/index.js';
import { CLIENT_TIMEOUT_MS } from './support/client-timeout.js';

// Each deliberate defect of the TypeScript reference client fails exactly the check it targets:
// every check can fail, and a defect never spills into another check. The runs are graded three at a
// time (each has its own mock on its own port), the backoff flaws alone afterwards: the grader leans to
// a pass under machine noise, and two busy cores blur a fixed backoff into what looks like jitter.
// Then they are asserted one test per flaw.
const flaws = Object.entries(CLIENT_FLAWS) as [ClientFlaw, string][];
const reports = new Map<ClientFlaw, GradeReport>();

beforeAll(async () => {
  const timing = new Set<ClientFlaw>(['no-jitter', 'flat-jitter']);
  const queue = flaws.map(([flaw]) => flaw).filter((flaw) => !timing.has(flaw));
  const grade = async (flaw: ClientFlaw) => {
    const report = await gradeClient({
      command: nodeClientCommand([flaw]),
      timeoutMs: CLIENT_TIMEOUT_MS,
      maxConcurrency: 4,
    });
    reports.set(flaw, GradeReport.parse(report));
  };
  const worker = async () => {
    for (let flaw = queue.shift(); flaw !== undefined; flaw = queue.shift()) await grade(flaw);
  };
  await Promise.all([worker(), worker(), worker()]);
  for (const flaw of timing) await grade(flaw);
}, 240_000);

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
