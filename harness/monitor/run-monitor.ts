import type { MonitorSection } from '../packet/monitor-schema.js';
import type { GoldenPathContext } from '../rehearsal/golden-path.js';
import type { Outcome, RehearsalObservations } from '../rehearsal/observations.js';
import { observe } from '../rehearsal/outcome.js';
import { deliveryFailuresCheck, deliverySucceededCheck } from './deliveries.js';
import { healthCheck, timeBudgetCheck } from './health-budget.js';
import type { ResolvedMonitorOptions } from './options.js';
import { securityContactCheck, webhookHttpsCheck } from './security.js';
import { fetchSecurityTxt, probeTls, type SecurityTxtReading, type TlsProbe } from './security-reads.js';

/** What the watch read beyond the read-only path. */
export interface MonitorObservations {
  readonly health: Outcome<{ status: string }>[];
  securityTxt: SecurityTxtReading | null;
  webhookUrl: { readonly value: string; readonly source: string } | { readonly unknown: string };
  tls: TlsProbe | null;
}

export const emptyMonitorObservations = (): MonitorObservations => ({
  health: [],
  securityTxt: null,
  webhookUrl: { unknown: 'the run did not look for the webhook URL.' },
  tls: null,
});

/** The webhook receiver's URL: the registered endpoint's (read back), else DUTYCLAIMS_WEBHOOK_PUBLIC_URL. */
async function webhookUrl(
  context: GoldenPathContext,
  observations: RehearsalObservations,
): Promise<MonitorObservations['webhookUrl']> {
  const { endpointId, publicUrl } = observations.config.webhook;
  if (endpointId !== null) {
    context.recorder.step = 'webhook endpoint';
    const endpoint = await observe(context.client.getWebhookEndpoint(endpointId));
    if (endpoint.ok) return { value: endpoint.value.url, source: `endpoint ${endpointId}` };
    return { unknown: `GET /v1/webhooks/endpoints/${endpointId} failed (${endpoint.error.code}).` };
  }
  if (publicUrl !== null) return { value: publicUrl, source: 'DUTYCLAIMS_WEBHOOK_PUBLIC_URL' };
  return { unknown: 'no webhook endpoint is known: set DUTYCLAIMS_WEBHOOK_ENDPOINT_ID to your registered endpoint.' };
}

/** The security.txt and the webhook receiver's TLS, read once per run. */
export async function readSecurity(
  context: GoldenPathContext,
  observations: RehearsalObservations,
  into: MonitorObservations,
  options: ResolvedMonitorOptions,
): Promise<void> {
  if (options.securityTxtUrl !== null) into.securityTxt = await fetchSecurityTxt(options.securityTxtUrl, options.ca);
  if (observations.config.target === 'mock') return;
  into.webhookUrl = await webhookUrl(context, observations);
  if ('value' in into.webhookUrl && into.webhookUrl.value.toLowerCase().startsWith('https://'))
    into.tls = await probeTls(into.webhookUrl.value, options.ca);
}

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
      securityContactCheck({
        contact: options.securityContact,
        securityTxt: monitor.securityTxt,
        target: observations.config.target,
        now,
      }),
      webhookHttpsCheck({ target: observations.config.target, url: monitor.webhookUrl, probe: monitor.tls }),
    ],
    budget: { runMs: options.runBudgetMs, callMs: options.callBudgetMs, p95Ms: options.p95BudgetMs },
  };
}
