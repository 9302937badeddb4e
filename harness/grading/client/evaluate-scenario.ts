import type { JournalEntry } from '../../reference-mock/index.js';
import type { GradeCheck } from '../shared/report.js';
import { type EvaluationContext, gradeCheck, lines } from './grade-check.js';
import type { CommandOutcome } from './run-command.js';
import { SCENARIO_ENV } from './scenario-env.js';

/** What the grader learnt by reading the client's last page again. */
export interface LastPageReplay {
  /** `hasMore` of the last page the client read; null when it could not be read again. */
  readonly hasMore: boolean | null;
  readonly error: string | null;
}

const STEPS: readonly { readonly label: string; readonly seen: (entry: JournalEntry) => boolean }[] = [
  { label: 'step 1 (create the client: 201)', seen: (e) => e.operationId === 'createClient' && e.status === 201 },
  { label: 'step 2 (create it again: 409)', seen: (e) => e.operationId === 'createClient' && e.status === 409 },
  { label: 'step 3 (submit the claim: 202)', seen: (e) => e.operationId === 'createClaim' && e.status === 202 },
  { label: 'step 4 (read its status: 200)', seen: (e) => e.operationId === 'getClaimStatus' && e.status === 200 },
  {
    label: 'step 5 (list webhook deliveries: 200)',
    seen: (e) => e.operationId === 'listWebhookDeliveries' && e.status === 200,
  },
];

const settled = (entry: JournalEntry) => entry.status !== null && entry.status !== 429 && entry.status < 500;

/** Why the command did not end well (could not start, timed out, killed, non-zero exit), or null. */
export function exitProblem(command: CommandOutcome): string | null {
  if (command.spawnError !== null)
    return `the command could not start (${command.spawnError}): check the program name and that it is on PATH (no shell is used)`;
  if (command.timedOut)
    return `the command did not finish within the command timeout and was stopped after ${command.durationMs} ms: check it does not wait forever (or raise --command-timeout-ms)`;
  if (command.signal !== null) return `the command was killed by ${command.signal}`;
  if (command.exitCode !== 0)
    return `the command exited ${command.exitCode}: the scenario's 4xx answers are expected, handle them and exit 0`;
  return null;
}

/** The command exits 0 in time and the journal shows every step of the scenario. */
export function scenarioCompleted(
  { view, strategyReads }: EvaluationContext,
  command: CommandOutcome,
  clientIds: readonly string[],
): GradeCheck {
  const id = 'scenario-completed';
  const missing = STEPS.filter((step) => !view.entries.some(step.seen)).map((step) => step.label);
  // A read whose envelope says not to retry is complete with that answer (its 5xx/429 is final).
  const unread = [
    ...clientIds.filter(
      (clientId) => !view.entries.some((e) => e.path === `/v1/clients/${clientId}/authority` && settled(e)),
    ),
    ...strategyReads.filter(({ path }) => !view.entries.some((e) => e.path === path && e.status !== null)),
  ];
  if (unread.length > 0)
    missing.push(`step 6 (read the authority of every id in ${SCENARIO_ENV.clientIds}: ${unread.length} not read)`);
  const problems = [
    ...[exitProblem(command)].filter((problem): problem is string => problem !== null),
    ...(missing.length > 0 ? [`missing from the journal: ${missing.join(', ')}`] : []),
  ];
  const evidence = [
    `exit code ${command.exitCode ?? '-'}, signal ${command.signal ?? '-'}, ${command.durationMs} ms, ${view.entries.length} requests`,
    ...(problems.length > 0 ? command.stderrTail.slice(-10).map((line) => `stderr: ${line}`) : []),
  ];
  if (problems.length > 0) return gradeCheck(id, 'fail', problems.join('; '), evidence);
  if (clientIds.length === 0)
    return gradeCheck(
      id,
      'not_graded',
      `exited 0 with steps 1-5 in the journal, but step 6 was given no client ids (${SCENARIO_ENV.clientIds} empty), so it was not observed`,
      evidence,
    );
  return gradeCheck(
    id,
    'pass',
    `exited 0 after ${command.durationMs} ms; all six steps are in the journal (${view.entries.length} requests)`,
    evidence,
  );
}

/** The client follows nextCursor until a page says hasMore: false. */
export function paginationToEnd(
  { view }: EvaluationContext,
  replay: LastPageReplay | null,
  pageSize: number,
): GradeCheck {
  const id = 'pagination-to-end';
  const pages = view.entries.filter((e) => e.operationId === 'listWebhookDeliveries' && e.status === 200);
  const last = pages.at(-1);
  if (!last) return gradeCheck(id, 'not_graded', 'no page of webhook deliveries was read (step 5)', []);
  const evidence = lines(view, pages);
  if (replay === null || replay.hasMore === null)
    return gradeCheck(
      id,
      'not_graded',
      `the last page could not be read again to see whether more followed (${replay?.error ?? 'not tried'})`,
      evidence,
    );
  if (replay.hasMore)
    return gradeCheck(
      id,
      'fail',
      `stopped after ${pages.length} page(s): the last page read (#${last.seq}) has more after it (hasMore: true): follow nextCursor until hasMore is false`,
      evidence,
    );
  if (!pages.some((page) => page.query.cursor !== undefined))
    return gradeCheck(
      id,
      'not_graded',
      `everything came in one page (limit ${last.query.limit ?? 'default'}), so following nextCursor is unproven: list with limit=${SCENARIO_ENV.pageSize} (${pageSize})`,
      evidence,
    );
  return gradeCheck(
    id,
    'pass',
    `read ${pages.length} pages, following nextCursor to the last (hasMore: false)`,
    evidence,
  );
}
