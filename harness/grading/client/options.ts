import { ClientGradeConfigError, type ClientGradeConfigField } from './errors.js';

/** Which stream of the partner's command a line came from. */
export type OutputStream = 'stdout' | 'stderr';

/** What a caller passes to gradeClient. */
export interface ClientGradeOptions {
  /** The partner's command and its arguments, run without a shell, e.g. `['python3', 'client.py']`. */
  readonly command: readonly string[];
  /** The request timeout the partner's client declares (ms). Without it the hung-read check is not graded. */
  readonly timeoutMs?: number;
  /** The most requests the partner's client declares it keeps in flight. Without it that check is not graded. */
  readonly maxConcurrency?: number;
  /**
   * The most retries the client makes of one operation (attempts = retries + 1). Default 6, the top of
   * the launch checklists' 4-6. One step 6 read keeps failing two attempts longer than this.
   */
  readonly maxRetries?: number;
  /** The longest delay the client waits before a retry (its backoff cap, ms). Default 10000. */
  readonly maxBackoffMs?: number;
  /** How long the command may run before it is stopped. Default 60000. */
  readonly commandTimeoutMs?: number;
  /** Working directory of the command. Default: this process's. */
  readonly cwd?: string;
  /** Extra environment for the command (the scenario's DUTYCLAIMS_* variables win). */
  readonly env?: Readonly<Record<string, string>>;
  /** The `limit` the scenario asks the client to list with (DUTYCLAIMS_PAGE_SIZE). Default 5. */
  readonly pageSize?: number;
  /** Webhook deliveries seeded before the run; more than `pageSize`, so the list has several pages. Default 12. */
  readonly deliveries?: number;
  /** How long the mock holds the first claim-status read. Default `2 * timeoutMs + 1000`. */
  readonly holdMs?: number;
  /** Receives each line the command prints (the API key already replaced by a short hint). */
  readonly onOutput?: (stream: OutputStream, line: string) => void;
  /** Clock in epoch milliseconds, for report times. Default `Date.now`. */
  readonly now?: () => number;
  /** Also grade that every request carries a valid W3C traceparent (the `traceparent` check). Default false. */
  readonly expectTraceparent?: boolean;
}

/** The options the grader runs with, all defaults applied. */
export interface ResolvedClientGradeOptions {
  readonly command: readonly [string, ...string[]];
  readonly timeoutMs: number | null;
  readonly maxConcurrency: number | null;
  readonly maxRetries: number;
  readonly maxBackoffMs: number;
  readonly commandTimeoutMs: number;
  readonly cwd: string | null;
  readonly env: Readonly<Record<string, string>>;
  readonly pageSize: number;
  readonly deliveries: number;
  /** Null when no timeout is declared: then no read is held. */
  readonly holdMs: number | null;
  readonly onOutput: ((stream: OutputStream, line: string) => void) | null;
  readonly now: () => number;
  readonly expectTraceparent: boolean;
}

/** Every default of gradeClient, in one place. */
export const DEFAULT_CLIENT_GRADE_OPTIONS = {
  maxRetries: 6,
  maxBackoffMs: 10_000,
  commandTimeoutMs: 60_000,
  pageSize: 5,
  deliveries: 12,
  /** Added to twice the declared timeout to get the default hold. */
  holdExtraMs: 1000,
  now: Date.now,
  expectTraceparent: false,
} as const;

/**
 * Measurement tolerances of the checks (documented in examples/partner-clients/SCENARIO.md). They lean
 * towards a false pass rather than a false fail.
 */
export const CLIENT_GRADE_TOLERANCES = {
  /** A retry may arrive this much earlier than Retry-After after the 429 was answered (timer rounding). */
  retryAfterMs: 25,
  /** A delay at most 2 × max(this, ratio × the quickest) above the quickest at its retry number sits at its floor. */
  backoffMs: 5,
  backoffRatio: 0.07,
  /**
   * Jitter: the backoff is one fixed delay when this share of the delays besides each retry number's
   * quickest, pooled over the retry numbers, sits at the floor (calibrated in
   * bench/backoff-calibration.ts; see SCENARIO.md).
   */
  fixedShare: 0.55,
  /** Fewer delays than this (besides each retry number's quickest) cannot tell jitter from chance. */
  minJitterDelays: 12,
  /**
   * Growth: the median, over every pair of delays before different retry numbers, of the per-retry
   * growth factor must reach this (calibrated in bench/backoff-calibration.ts; see SCENARIO.md).
   */
  growthFactor: 1.15,
  /** A delay may exceed the declared backoff cap by this much (a busy machine only makes retries later). */
  backoffCapSlackMs: 2000,
  /** Abandoning the hung read and sending its retry may take the declared timeout plus this. */
  timeoutSlackMs: 1000,
  /** Intervals overlapping by no more than this are not concurrent (a response and the next request). */
  overlapMs: 1,
  /** With no bound declared, more requests than this in flight at once make backoff timing unjudgeable. */
  congestedInFlight: 8,
} as const;

const LIMITS: Record<
  Exclude<ClientGradeConfigField, 'command'>,
  { readonly min: number; readonly max: number; readonly example: string }
> = {
  timeoutMs: { min: 1, max: 120_000, example: '--timeout-ms 500' },
  maxConcurrency: { min: 1, max: 1000, example: '--max-concurrency 4' },
  maxRetries: { min: 1, max: 20, example: '--max-retries 6' },
  maxBackoffMs: { min: 1, max: 600_000, example: '--max-backoff-ms 10000' },
  commandTimeoutMs: { min: 1000, max: 3_600_000, example: '--command-timeout-ms 60000' },
  pageSize: { min: 1, max: 100, example: '--page-size 5' },
  deliveries: { min: 2, max: 1000, example: 'deliveries: 12' },
  holdMs: { min: 1, max: 600_000, example: 'holdMs: 2000' },
};

function integer(field: Exclude<ClientGradeConfigField, 'command'>, value: number): number {
  const { min, max, example } = LIMITS[field];
  if (!Number.isSafeInteger(value) || value < min || value > max)
    throw new ClientGradeConfigError(
      field,
      `${field} must be a whole number from ${min} to ${max} (e.g. ${example}); got ${value}.`,
    );
  return value;
}

const optional = (field: 'timeoutMs' | 'maxConcurrency' | 'holdMs', value: number | undefined) =>
  value === undefined ? null : integer(field, value);

/** Applies defaults and checks every setting; throws ClientGradeConfigError saying what to fix. */
export function resolveClientGradeOptions(options: ClientGradeOptions): ResolvedClientGradeOptions {
  const [file, ...args] = options.command;
  if (file === undefined || file.trim() === '')
    throw new ClientGradeConfigError(
      'command',
      'Give the command that runs your client, e.g. `-- python3 client.py` (no shell: pass each argument separately).',
    );
  const defaults = DEFAULT_CLIENT_GRADE_OPTIONS;
  const timeoutMs = optional('timeoutMs', options.timeoutMs);
  const pageSize = integer('pageSize', options.pageSize ?? defaults.pageSize);
  const deliveries = integer('deliveries', options.deliveries ?? defaults.deliveries);
  if (deliveries <= pageSize)
    throw new ClientGradeConfigError(
      'deliveries',
      `deliveries (${deliveries}) must exceed pageSize (${pageSize}) so the list has more than one page.`,
    );
  let holdMs = optional('holdMs', options.holdMs);
  if (timeoutMs === null) holdMs = null;
  else if (holdMs === null) holdMs = 2 * timeoutMs + defaults.holdExtraMs;
  else if (holdMs <= timeoutMs + CLIENT_GRADE_TOLERANCES.timeoutSlackMs)
    throw new ClientGradeConfigError(
      'holdMs',
      `holdMs (${holdMs}) must exceed the declared timeout plus ${CLIENT_GRADE_TOLERANCES.timeoutSlackMs} ms (${timeoutMs + CLIENT_GRADE_TOLERANCES.timeoutSlackMs}); leave it out for the default.`,
    );
  return {
    command: [file, ...args],
    timeoutMs,
    maxConcurrency: optional('maxConcurrency', options.maxConcurrency),
    maxRetries: integer('maxRetries', options.maxRetries ?? defaults.maxRetries),
    maxBackoffMs: integer('maxBackoffMs', options.maxBackoffMs ?? defaults.maxBackoffMs),
    commandTimeoutMs: integer('commandTimeoutMs', options.commandTimeoutMs ?? defaults.commandTimeoutMs),
    cwd: options.cwd ?? null,
    env: { ...options.env },
    pageSize,
    deliveries,
    holdMs,
    onOutput: options.onOutput ?? null,
    now: options.now ?? defaults.now,
    expectTraceparent: options.expectTraceparent ?? defaults.expectTraceparent,
  };
}
