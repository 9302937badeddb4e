import type { CallMetadata } from '../client/metadata.js';
import type { EvidenceItem, GateResult, Verdict } from '../packet/schema.js';
import type { Outcome } from '../rehearsal/observations.js';
import { catalogCheckOf, GATES, type GateId } from './catalog.js';

export interface Check {
  readonly name: string;
  readonly verdict: Verdict;
  readonly detail: string;
}

export const pass = (name: string, detail: string): Check => ({ name, verdict: 'pass', detail });
export const fail = (name: string, detail: string): Check => ({ name, verdict: 'fail', detail });
export const notRun = (name: string, detail: string): Check => ({ name, verdict: 'not_run', detail });
export const check = (name: string, ok: boolean, passDetail: string, failDetail: string): Check =>
  ok ? pass(name, passDetail) : fail(name, failDetail);

/** Request ids of the calls behind a gate, every attempt's included (a retried 503 keeps its own), for support to look up. */
export const requestIdsOf = (...outcomes: readonly (Outcome<unknown> | null)[]): string[] =>
  outcomes.flatMap((outcome) => [
    ...(outcome?.meta?.attempts ?? []).flatMap((attempt) => (attempt.requestId ? [attempt.requestId] : [])),
    ...(outcome?.meta?.requestId ? [outcome.meta.requestId] : []),
  ]);

/** Every attempt of a call as "1: 503 service_unavailable req_… → 2: 202 req_…"; null for a single attempt. */
export const describeAttempts = (meta: CallMetadata | null | undefined): string | null =>
  meta && meta.attempts.length > 1
    ? meta.attempts
        .map(
          (item) =>
            `${item.attempt}: ${item.status ?? 'no response'}${item.errorCode ? ` ${item.errorCode}` : ''} ${item.requestId ?? 'no request id'}`,
        )
        .join(' → ')
    : null;

export const describeFailure = (outcome: Outcome<unknown> | null, what: string): string => {
  if (outcome === null) return `${what} was not attempted.`;
  if (outcome.ok) return `${what} succeeded.`;
  const request = outcome.meta?.requestId ? ` (request ${outcome.meta.requestId})` : '';
  const attempts = describeAttempts(outcome.meta);
  return `${what} failed: ${outcome.error.code}${request}. ${outcome.error.message}${attempts ? ` Attempts: ${attempts}.` : ''}`;
};

export const metaEvidence = (label: string, meta: CallMetadata | null | undefined): EvidenceItem[] =>
  meta
    ? [
        {
          label,
          value: `${meta.method} ${meta.route} -> ${meta.status ?? 'no response'}; requestId ${meta.requestId ?? 'none'}; correlationId ${meta.correlationId}${meta.idempotencyKey ? `; idempotencyKey ${meta.idempotencyKey}` : ''}; ${describeAttempts(meta) ?? `${meta.attempts.length} attempt(s)`}; ${Math.round(meta.durationMs)} ms`,
        },
      ]
    : [];

/**
 * Builds a gate's result from its checks. A gate passes only when it has checks and all of them
 * passed; a skipped check makes it not_run; a failed one makes it fail. `notRunReason` (e.g. a
 * read-only run) overrides everything: nothing unchecked is ever reported as passed.
 */
export function gateResult(
  id: GateId,
  input: {
    checks: readonly Check[];
    evidence: readonly EvidenceItem[];
    requestIds: readonly string[];
    durationMs?: number;
    notRunReason?: string;
  },
): GateResult {
  const spec = GATES.find((gate) => gate.id === id);
  if (!spec) throw new Error(`Unknown gate ${id}`);
  for (const item of input.checks)
    if (catalogCheckOf(id, item.name) === null)
      throw new Error(`Gate ${id} reports the check "${item.name}", which GATE_CHECKS does not list.`);
  const failed = input.checks.filter((item) => item.verdict === 'fail');
  const skipped = input.checks.filter((item) => item.verdict === 'not_run');
  let verdict: Verdict;
  let reason: string;
  if (input.notRunReason !== undefined) {
    verdict = 'not_run';
    reason = input.notRunReason;
  } else if (failed.length > 0) {
    verdict = 'fail';
    reason = failed.map((item) => item.detail).join(' ');
  } else if (skipped.length > 0 || input.checks.length === 0) {
    verdict = 'not_run';
    reason = skipped.map((item) => item.detail).join(' ') || 'No check of this gate could run.';
  } else {
    verdict = 'pass';
    reason = `All ${input.checks.length} checks passed.`;
  }
  return {
    id,
    title: spec.title,
    route: spec.route,
    mustProve: spec.mustProve,
    evidenceToKeep: spec.evidenceToKeep,
    verdict,
    reason,
    checks: input.checks.map((item) => ({ ...item })),
    evidence: [...input.evidence],
    requestIds: [...new Set(input.requestIds)],
    durationMs: input.durationMs ?? 0,
  };
}
