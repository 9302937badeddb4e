import type { MonitorOptions } from '../monitor/options.js';
import { UsageError } from './usage-error.js';

/** The flags of the nightly watch, as `parseArgs` options (smoke only). */
export const SMOKE_FLAGS = {
  'budget-ms': { type: 'string' },
  'call-budget-ms': { type: 'string' },
  'p95-ms': { type: 'string' },
  'window-hours': { type: 'string' },
  'traffic-live': { type: 'boolean' },
} as const;

export const SMOKE_USAGE = `
Nightly watch (smoke only; each check that fails makes smoke exit 1):
  --budget-ms MS                     the whole run must finish within MS (default 300000: 5 minutes)
  --call-budget-ms MS                each call must finish within MS (default: the client's total timeout, 60000)
  --p95-ms MS                        the p95 call latency must stay under MS (default 2000)
  --window-hours H                   read webhook deliveries of the last H hours (default 24)
  --traffic-live                     traffic is live: at least one delivery must have succeeded in the window
                                     (DUTYCLAIMS_TRAFFIC_LIVE=1)
  The watch also records DUTYCLAIMS_SECURITY_CONTACT (required on production), checks the security.txt at
  DUTYCLAIMS_SECURITY_TXT_URL (RFC 9116: Contact present, Expires in the future), and on sandbox and
  production that the webhook receiver is https:// with a certificate that verifies.`;

const positive = (flag: string, value: string | undefined, scale = 1): number | undefined => {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new UsageError(`--${flag} must be a positive number, got "${value}". Example: --${flag} 2000.`);
  return number * scale;
};

/** The watch's options from the smoke flags and environment; bad numbers are a usage error. */
export function monitorOptionsFrom(
  values: Partial<Record<keyof typeof SMOKE_FLAGS, string | boolean | undefined>>,
  env: Readonly<Record<string, string | undefined>>,
): MonitorOptions {
  const text = (key: keyof typeof SMOKE_FLAGS) => values[key] as string | undefined;
  const live = values['traffic-live'] === true || /^(1|true|yes)$/i.test(env.DUTYCLAIMS_TRAFFIC_LIVE ?? '');
  const options: Record<string, unknown> = {
    runBudgetMs: positive('budget-ms', text('budget-ms')),
    callBudgetMs: positive('call-budget-ms', text('call-budget-ms')),
    p95BudgetMs: positive('p95-ms', text('p95-ms')),
    deliveryWindowMs: positive('window-hours', text('window-hours'), 3_600_000),
    trafficLive: live,
    securityContact: env.DUTYCLAIMS_SECURITY_CONTACT?.trim() || undefined,
    securityTxtUrl: env.DUTYCLAIMS_SECURITY_TXT_URL?.trim() || undefined,
  };
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as MonitorOptions;
}
