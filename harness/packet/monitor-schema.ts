import { z } from 'zod';

const CheckVerdict = z.enum(['pass', 'fail', 'not_run']);

/**
 * One check of the nightly watch (health, time budget, webhook deliveries, security contact, webhook
 * TLS). A check the run could not perform is `not_run` with the reason in `detail`, never `pass`.
 */
export const MonitorCheck = z.object({
  id: z.string(),
  title: z.string(),
  verdict: CheckVerdict,
  /** For a failure, what failed and what to do; for not_run, why it could not run. */
  detail: z.string(),
  /** Identifiers that let support find it again: request ids, delivery ids, URLs. */
  evidence: z.array(z.string()),
});
export type MonitorCheck = z.infer<typeof MonitorCheck>;

/** Latency of the run's logical calls, in milliseconds (null when the run made none). */
export const LatencySummary = z.object({
  calls: z.number().int().min(0),
  p50Ms: z.number().min(0).nullable(),
  p95Ms: z.number().min(0).nullable(),
  maxMs: z.number().min(0).nullable(),
});
export type LatencySummary = z.infer<typeof LatencySummary>;

/** What the provider showed this run, in a form two packets can be compared on (`diff`, `--baseline`). */
export const ProviderSnapshot = z.object({
  /** Per route family: availability, credential shapes and required scopes; null when capabilities were not read. */
  families: z
    .record(
      z.string(),
      z.object({
        availability: z.string(),
        credentialShapes: z.array(z.string()),
        requiredScopes: z.array(z.string()),
      }),
    )
    .nullable(),
  /** The scopes the provider granted the run's credential; null when not read. */
  grantedScopes: z.array(z.string()).nullable(),
  /** Response header names (lower case) seen on any response. */
  responseHeaders: z.array(z.string()),
  /** Error codes of every failed call. */
  errorCodes: z.array(z.string()),
  /** `X-RateLimit-Limit` per route (`GET /v1/...`). */
  rateLimits: z.record(z.string(), z.number()),
  latency: LatencySummary,
});
export type ProviderSnapshot = z.infer<typeof ProviderSnapshot>;

/** The nightly watch of a smoke run: its checks and the budget they were held to. */
export const MonitorSection = z.object({
  checks: z.array(MonitorCheck),
  budget: z.object({ runMs: z.number().min(0), callMs: z.number().min(0), p95Ms: z.number().min(0) }),
});
export type MonitorSection = z.infer<typeof MonitorSection>;

/** One difference between the baseline packet and this one. */
export const DriftChange = z.object({
  /** What changed, e.g. `contract.servedHash`, `families.claims.availability`, `latency.p95Ms`. */
  field: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  /** The checklist says this drift stops the cutover (contract, auth semantics, webhook delivery). */
  stopsCutover: z.boolean(),
  detail: z.string(),
});
export type DriftChange = z.infer<typeof DriftChange>;

/** "Changes since the baseline": the packet this run was compared with and what differs. */
export const DriftSection = z.object({
  baseline: z.object({
    file: z.string(),
    runId: z.string(),
    startedAt: z.string(),
    target: z.string(),
    host: z.string(),
  }),
  /** `baseline` (the previous run of the same target) or `parity` (sandbox against production). */
  mode: z.enum(['baseline', 'parity']),
  changes: z.array(DriftChange),
});
export type DriftSection = z.infer<typeof DriftSection>;

/** One line of the run history (`history.jsonl` in the output directory). */
export const HistoryEntry = z.object({
  runId: z.string(),
  startedAt: z.string(),
  mode: z.string(),
  target: z.string(),
  verdict: z.string(),
  servedHash: z.string().nullable(),
  checks: z.object({ pass: z.number().int(), fail: z.number().int(), notRun: z.number().int() }),
  durationMs: z.number().min(0),
  p95Ms: z.number().min(0).nullable(),
  stopsCutover: z.number().int().min(0),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;
