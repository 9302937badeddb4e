import { beforeAll, describe, expect, it } from 'vitest';
import { nodeClientCommand, pythonClientCommand } from '../../examples/partner-clients/src/commands.js';
import { CLIENT_FLAWS, type ClientFlaw } from '../../examples/partner-clients/src/flaws.js';
import type { GradeReport } from '../../harness/grading/shared/index.js';
import { hasPython, needsPython } from '../grading/support/python.js';
import { observeScenario } from './support/observe-scenario.js';

// Each deliberate defect of a reference client, observed through the proxy with the grading scenario's
// faults (and a claim write whose answer is lost), fails exactly the grading check it targets. Runs go
// three at a time, the backoff flaws alone afterwards (two busy cores blur a fixed backoff).
const LOST_CLAIM = [{ kind: 'lost_response', match: { operationId: 'createClaim' } }] as const;
// The key-rotation check needs grade-client's step 7 (the grader hands the client a new key): a proxy
// cannot, so that flaw is observed as not graded rather than failed.
const NEEDS_GRADER_STEP = new Set<string>(['key-rotation']);
const allFlaws = Object.entries(CLIENT_FLAWS) as [ClientFlaw, string][];
const flaws = allFlaws.filter(([, checkId]) => !NEEDS_GRADER_STEP.has(checkId));
const PYTHON_FLAWS: readonly ClientFlaw[] = ['new-key-per-retry', 'retry-4xx', 'retry-by-status-only'];
const reports = new Map<string, GradeReport | undefined>();

async function observeFlaw(language: 'ts' | 'python', flaw: ClientFlaw) {
  const command = language === 'ts' ? nodeClientCommand([flaw]) : pythonClientCommand([flaw]);
  const run = await observeScenario(command, { extraFaults: LOST_CLAIM, receiverReport: false });
  reports.set(
    `${language} ${flaw}`,
    run.packet.grades.find((report) => report.grader === 'observe-client'),
  );
}

beforeAll(async () => {
  const timing = new Set<ClientFlaw>(['no-jitter', 'flat-jitter']);
  const queue: ['ts' | 'python', ClientFlaw][] = [
    ...allFlaws.filter(([flaw]) => !timing.has(flaw)).map(([flaw]) => ['ts', flaw] as ['ts', ClientFlaw]),
    ...(hasPython ? PYTHON_FLAWS.map((flaw) => ['python', flaw] as ['python', ClientFlaw]) : []),
  ];
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) await observeFlaw(...next);
  };
  await Promise.all([worker(), worker(), worker()]);
  for (const flaw of timing) await observeFlaw('ts', flaw);
}, 400_000);

const expectOnly = (key: string, checkId: string) => {
  const failing = reports.get(key)?.checks.filter((check) => check.verdict === 'fail') ?? [];
  expect(
    failing.map((check) => check.id),
    failing.map((check) => `${check.id}: ${check.reason}`).join('\n'),
  ).toEqual([checkId]);
  expect(failing[0]?.evidence.length).toBeGreaterThan(0);
};

describe('a flawed reference client observed through the proxy fails exactly its check', () => {
  it('grades key rotation only under grade-client: observed, it is not graded, never passed', () => {
    const [flaw] = allFlaws.find(([, checkId]) => NEEDS_GRADER_STEP.has(checkId)) ?? [];
    expect(flaw).toBeDefined();
    const report = reports.get(`ts ${flaw}`);
    expect(report?.checks.find((check) => check.id === 'key-rotation')?.verdict).toBe('not_graded');
  });
  it.each(flaws)('TypeScript %s fails %s', (flaw, checkId) => expectOnly(`ts ${flaw}`, checkId));
  it.skipIf(!hasPython).each(PYTHON_FLAWS.map((flaw) => [flaw, CLIENT_FLAWS[flaw]]))(
    needsPython('Python %s fails %s'),
    (flaw, checkId) => expectOnly(`python ${flaw}`, checkId),
  );
});
