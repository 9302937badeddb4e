import type { MonitorSection } from '../packet/monitor-schema.js';
import type { GoldenPathContext } from '../rehearsal/golden-path.js';
import type { Outcome, RehearsalObservations } from '../rehearsal/observations.js';
import { observe } from '../rehearsal/outcome.js';
import { deliveryFailuresCheck, deliverySucceededCheck } from './deliveries.js';
import { healthCheck, timeBudgetCheck } from './health-budget.js';
import type { ResolvedMonitorOptions } from './options.js';

/** What the watch read beyond the read-only path. */
export interface MonitorObservations {
  readonly health: Outcome<{ status: string }>[];
}

export const emptyMonitorObservations = (): MonitorObservations => ({ health: [] });

/** One `GET /health`, recorded under the step "health". */
export async function readHealth(context: GoldenPathContext, into: MonitorObservations): Promise<void> {
  context.recorder.step = 'health';
  into.health.push(await observe(context.client.health()));
}

/** The checks of the watch, pure functions of what the run observed. */
export function evaluateMonitor(input: {
  readonly monitor: MonitorObservations;
  readonly observations: RehearsalObservations;
  readonly calls: Parameters<typeof timeBudgetCheck>[1];
  readonly runDurationMs: number;
  readonly options: ResolvedMonitorOptions;
}): MonitorSection {
  const { monitor, observations, calls, runDurationMs, options } = input;
  const now = options.now();
  const log = observations.deliveryLog;
  return {
    checks: [
      healthCheck(monitor.health),
      timeBudgetCheck(runDurationMs, calls, options),
      deliveryFailuresCheck(log, options.deliveryWindowMs, now),
      deliverySucceededCheck(log, options.deliveryWindowMs, now, options.trafficLive),
    ],
    budget: { runMs: options.runBudgetMs, callMs: options.callBudgetMs, p95Ms: options.p95BudgetMs },
  };
}
