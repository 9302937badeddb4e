import { formatDuration } from '../packet/format.js';
import type { MonitorCheck } from '../packet/monitor-schema.js';
import type { LogFields } from '../packet/schema.js';
import type { Outcome } from '../rehearsal/observations.js';
import { monitorCheck } from './check.js';
import { summarizeLatency } from './latency.js';
import type { ResolvedMonitorOptions } from './options.js';

/** Every `GET /health` of the run answered 200 `{"status":"ok"}`. */
export function healthCheck(calls: readonly Outcome<{ status: string }>[]): MonitorCheck {
  const title = 'health route answers';
  if (calls.length === 0) return monitorCheck('health', title, 'not_run', 'Not run: no GET /health was sent.');
  const evidence = calls.map((call) =>
    call.ok
      ? `GET /health -> ${call.meta.status} in ${formatDuration(call.meta.durationMs)}${call.meta.requestId ? ` (${call.meta.requestId})` : ''}`
      : `GET /health -> ${call.meta?.status ?? 'no response'} ${call.error.code}${call.meta?.requestId ? ` (${call.meta.requestId})` : ''}`,
  );
  const failed = calls.filter((call) => !call.ok);
  if (failed.length > 0)
    return monitorCheck(
      'health',
      title,
      'fail',
      `${failed.length} of ${calls.length} health calls failed (${failed.map((call) => (call.ok ? '' : call.error.code)).join(', ')}): the API is not healthy. Check the DutyClaims status page before the cutover goes on.`,
      evidence,
    );
  return monitorCheck('health', title, 'pass', `${calls.length} health calls answered ok.`, evidence);
}

/**
 * The run, each call and the p95 stay within the budget: slowness is a failed check, not silence.
 * `calls` are every logical call of the run (LogFields of reads too).
 */
export function timeBudgetCheck(
  runDurationMs: number,
  calls: readonly LogFields[],
  options: Pick<ResolvedMonitorOptions, 'runBudgetMs' | 'callBudgetMs' | 'p95BudgetMs'>,
): MonitorCheck {
  const title = 'time budget';
  const latency = summarizeLatency(calls.map((call) => call.durationMs));
  if (latency.calls === 0)
    return monitorCheck('time-budget', title, 'not_run', 'Not run: the run made no calls to time.');
  const describe = (call: LogFields) =>
    `${call.method} ${call.route} took ${formatDuration(call.durationMs)}${call.requestId ? ` (${call.requestId})` : ''}`;
  const slow = calls.filter((call) => call.durationMs > options.callBudgetMs);
  const problems = [
    runDurationMs > options.runBudgetMs
      ? `the run took ${formatDuration(runDurationMs)}, over its budget of ${formatDuration(options.runBudgetMs)}`
      : '',
    slow.length > 0
      ? `${slow.length} call${slow.length === 1 ? '' : 's'} over the per-call budget of ${formatDuration(options.callBudgetMs)}: ${slow.map(describe).join('; ')}`
      : '',
    (latency.p95Ms ?? 0) > options.p95BudgetMs
      ? `p95 latency ${formatDuration(latency.p95Ms ?? 0)} is over its budget of ${formatDuration(options.p95BudgetMs)}`
      : '',
  ].filter(Boolean);
  const slowest = [...calls].sort((a, b) => b.durationMs - a.durationMs).slice(0, 3);
  const evidence = [
    `run ${formatDuration(runDurationMs)} (budget ${formatDuration(options.runBudgetMs)})`,
    `${latency.calls} calls: p50 ${formatDuration(latency.p50Ms ?? 0)}, p95 ${formatDuration(latency.p95Ms ?? 0)} (budget ${formatDuration(options.p95BudgetMs)}), max ${formatDuration(latency.maxMs ?? 0)}`,
    ...slowest.map((call) => `slowest: ${describe(call)}`),
  ];
  if (problems.length > 0)
    return monitorCheck(
      'time-budget',
      title,
      'fail',
      `Too slow: ${problems.join('; ')}. Compare with the history of earlier runs and ask DutyClaims support with the request ids.`,
      evidence,
    );
  return monitorCheck('time-budget', title, 'pass', 'The run, every call and the p95 stayed within budget.', evidence);
}
