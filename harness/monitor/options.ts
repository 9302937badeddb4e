/** What a caller may set for the nightly watch of a smoke run; every field has a default. */
export interface MonitorOptions {
  /** The whole read-only run must finish within this (default 5 minutes). */
  readonly runBudgetMs?: number;
  /** Each logical call must finish within this (default: the client's total timeout). */
  readonly callBudgetMs?: number;
  /** The 95th percentile of call latency must stay under this (default 2 s). */
  readonly p95BudgetMs?: number;
  /** How far back the delivery log is read (default 24 hours). */
  readonly deliveryWindowMs?: number;
  /** The partner says traffic is live: at least one delivery must have succeeded in the window. */
  readonly trafficLive?: boolean;
  /** Where vulnerability reports go (DUTYCLAIMS_SECURITY_CONTACT): an email, https URL or phone. */
  readonly securityContact?: string | null;
  /** A security.txt to fetch and check against RFC 9116 (DUTYCLAIMS_SECURITY_TXT_URL). */
  readonly securityTxtUrl?: string | null;
  /** Certificate authorities to trust for the webhook TLS probe (default: the system's). */
  readonly ca?: string | readonly string[] | null;
  /** The clock, injected so windows and expiry can be tested. */
  readonly now?: () => Date;
}

/** The options the watch runs with, every default applied. */
export interface ResolvedMonitorOptions {
  readonly runBudgetMs: number;
  readonly callBudgetMs: number;
  readonly p95BudgetMs: number;
  readonly deliveryWindowMs: number;
  readonly trafficLive: boolean;
  readonly securityContact: string | null;
  readonly securityTxtUrl: string | null;
  readonly ca: string | readonly string[] | null;
  readonly now: () => Date;
}

/** Every default of the watch, in one place (the per-call budget defaults to the client's total timeout). */
export const DEFAULT_MONITOR_OPTIONS = Object.freeze({
  runBudgetMs: 5 * 60_000,
  callBudgetMs: 60_000,
  p95BudgetMs: 2_000,
  deliveryWindowMs: 24 * 60 * 60_000,
  trafficLive: false,
  securityContact: null,
  securityTxtUrl: null,
  ca: null,
  now: () => new Date(),
}) satisfies ResolvedMonitorOptions;

/** Applies the defaults once; `clientTotalMs` is the client's own deadline, the per-call budget's default. */
export function resolveMonitorOptions(options: MonitorOptions = {}, clientTotalMs?: number): ResolvedMonitorOptions {
  const d = DEFAULT_MONITOR_OPTIONS;
  return {
    runBudgetMs: options.runBudgetMs ?? d.runBudgetMs,
    callBudgetMs: options.callBudgetMs ?? clientTotalMs ?? d.callBudgetMs,
    p95BudgetMs: options.p95BudgetMs ?? d.p95BudgetMs,
    deliveryWindowMs: options.deliveryWindowMs ?? d.deliveryWindowMs,
    trafficLive: options.trafficLive ?? d.trafficLive,
    securityContact: options.securityContact ?? d.securityContact,
    securityTxtUrl: options.securityTxtUrl ?? d.securityTxtUrl,
    ca: options.ca ?? d.ca,
    now: options.now ?? d.now,
  };
}
