import { evaluateClientJournal } from '../grading/client/evaluate.js';
import { exitProblem } from '../grading/client/evaluate-scenario.js';
import { gradeCheck } from '../grading/client/grade-check.js';
import type { CommandOutcome } from '../grading/client/run-command.js';
import type { Stall } from '../grading/client/stall-monitor.js';
import type { GradeCheck } from '../grading/shared/report.js';
import type { JournalEntry } from '../reference-mock/index.js';
import type { ProxyFaultSpec } from './fault-schedule.js';
import type { ProviderFacts } from './provider-facts.js';

/** What the partner declares about its client (the same flags as grade-client). */
export interface DeclaredClient {
  readonly timeoutMs: number | null;
  readonly maxConcurrency: number | null;
  readonly maxRetries: number;
  readonly maxBackoffMs: number;
}

const paths = (faults: readonly ProxyFaultSpec[], keep: (fault: ProxyFaultSpec) => boolean) =>
  faults.flatMap((fault) => (keep(fault) && fault.match?.path !== undefined ? [fault] : []));

/** The read a fault keeps failing past the declared retry limit, if the schedule has one. */
const giveUpPath = (faults: readonly ProxyFaultSpec[], declared: DeclaredClient) =>
  paths(
    faults,
    (f) => (f.kind === 'status' || f.kind === 'drop') && f.retryStrategy === undefined && f.count > declared.maxRetries,
  )[0]?.match?.path ?? null;

/** The held read: a delay fault longer than the declared timeout. */
function held(faults: readonly ProxyFaultSpec[], declared: DeclaredClient) {
  if (declared.timeoutMs === null) return null;
  const timeout = declared.timeoutMs;
  const fault = faults.find((f) => f.kind === 'delay' && (f.delayMs ?? 1000) > timeout && f.match?.operationId);
  return fault ? { holdMs: fault.delayMs ?? 1000, operationId: fault.match?.operationId ?? '' } : null;
}

/** The last page of webhook deliveries the client read, as the proxy saw its body. */
function lastPage(facts: ProviderFacts) {
  const page = facts.answers.filter((a) => a.operationId === 'listWebhookDeliveries' && a.status === 200).at(-1);
  if (!page) return null;
  const hasMore = (page.body as { hasMore?: unknown } | null)?.hasMore;
  return typeof hasMore === 'boolean'
    ? { hasMore, error: null }
    : { hasMore: null, error: 'the last page was too large to read through the proxy' };
}

/** The flow ends well: the command exits 0 (or, without a command, the partner ended it). */
function flowCompleted(journal: readonly JournalEntry[], command: CommandOutcome | null): GradeCheck {
  const id = 'scenario-completed';
  if (command === null)
    return gradeCheck(
      id,
      'not_graded',
      'no command was given (the flow ended with Ctrl-C), so whether it completed is unknown: pass it after --',
      [],
    );
  const evidence = [
    `exit code ${command.exitCode ?? '-'}, signal ${command.signal ?? '-'}, ${command.durationMs} ms, ${journal.length} requests through the proxy`,
  ];
  const problem = exitProblem(command);
  if (problem !== null)
    return gradeCheck(id, 'fail', problem, [...evidence, ...command.stderrTail.slice(-10).map((l) => `stderr: ${l}`)]);
  if (journal.length === 0)
    return gradeCheck(
      id,
      'not_graded',
      'the command exited 0 but sent nothing through the proxy: point its base URL at the proxy (DUTYCLAIMS_BASE_URL)',
      evidence,
    );
  return gradeCheck(id, 'pass', `the command exited 0 after ${command.durationMs} ms`, evidence);
}

/**
 * Runs every client-grading check on the traffic the proxy journaled. What the schedule judges (the
 * 429s, the held read, the read that keeps failing, the answers whose envelope says not to retry) comes
 * from the `--faults` schedule; a check the traffic gives no signal for is not graded, with the reason.
 */
export function gradeTraffic(input: {
  readonly journal: readonly JournalEntry[];
  readonly facts: ProviderFacts;
  readonly faults: readonly ProxyFaultSpec[];
  readonly declared: DeclaredClient;
  readonly command: CommandOutcome | null;
  /**
   * When this process's event loop stalled while the proxy journaled (watchStalls): the proxy stamps a
   * request when its handler runs, so a stall can make a timeout retry look early. Default none.
   */
  readonly stalls?: readonly Stall[];
}): GradeCheck[] {
  const { faults, declared } = input;
  const limited = faults.filter((f) => f.kind === 'rate_limit' || (f.kind === 'status' && f.status === 429));
  const hold = held(faults, declared);
  const lastRead = input.journal.filter((e) => e.operationId === 'listWebhookDeliveries' && e.status === 200).at(-1);
  const checks = evaluateClientJournal({
    journal: input.journal,
    declared,
    schedule: {
      retryAfterSeconds: Math.min(...limited.map((f) => f.retryAfterSeconds ?? 1), Number.POSITIVE_INFINITY),
      holdMs: hold?.holdMs ?? null,
    },
    command: input.command ?? {
      exitCode: 0,
      signal: null,
      timedOut: false,
      spawnError: null,
      durationMs: 0,
      stdoutTail: [],
      stderrTail: [],
    },
    clientIds: [],
    giveUpPath: giveUpPath(faults, declared),
    strategyReads: paths(faults, (f) => f.retryStrategy === 'no_retry' || f.retryStrategy === 'contact_support').map(
      (f) => ({ path: f.match?.path ?? '', retryStrategy: f.retryStrategy ?? 'no_retry' }),
    ),
    lastPage: lastPage(input.facts),
    pageSize: Number(lastRead?.query.limit ?? 25),
    judged: { rateLimitOperationId: null, heldOperationId: hold?.operationId ?? 'getClaimStatus' },
    stalls: input.stalls ?? [],
  });
  return checks.map((check) =>
    check.id === 'scenario-completed' ? flowCompleted(input.journal, input.command) : check,
  );
}
