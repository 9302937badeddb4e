import type { Environment } from '../../contract/schemas/common.js';
import { type Check, notRun } from '../../gates/gate-result.js';
import type { GradeReport } from '../../grading/shared/report.js';
import type { EvidenceItem, Owners } from '../../packet/schema.js';
import type { JournalEntry } from '../../reference-mock/index.js';
import type { ProviderAnswer, ProviderFacts } from '../provider-facts.js';
import type { UpstreamInfo } from '../upstream.js';

/** Everything the gates read: the journal, what the provider said about itself, and what was declared. */
export interface TrafficEvidence {
  /** Oldest first, by arrival. */
  readonly journal: readonly JournalEntry[];
  readonly facts: ProviderFacts;
  readonly upstream: UpstreamInfo;
  readonly target: Environment;
  readonly pinnedHash: string;
  readonly owners: Owners;
  /** grade-webhook reports of the partner's receiver (the proxy never sees the receiver verify). */
  readonly receiverReports: readonly GradeReport[];
}

/** The first entries of an operation answered 2xx (or with one of `statuses`), by arrival. */
export const answered = (traffic: TrafficEvidence, operationId: string, statuses?: readonly number[]) =>
  traffic.journal.filter(
    (e) =>
      e.operationId === operationId &&
      e.status !== null &&
      (statuses ? statuses.includes(e.status) : e.status >= 200 && e.status < 300),
  );

/** The provider's answer (headers and small body) behind a journaled request. */
export const answerOf = (traffic: TrafficEvidence, entry: JournalEntry | undefined): ProviderAnswer | undefined =>
  entry === undefined ? undefined : traffic.facts.answers.find((a) => a.requestId === entry.requestId);

/** One evidence line for a journaled exchange. */
export const exchange = (label: string, entry: JournalEntry): EvidenceItem => ({
  label,
  value: `${entry.method} ${entry.path} -> ${entry.status ?? 'no answer'}${entry.errorCode ? ` ${entry.errorCode}` : ''}; requestId ${entry.requestId}; correlationId ${entry.correlationIdSent ?? 'none sent'}${entry.idempotencyKey ? `; idempotencyKey ${entry.idempotencyKey}` : ''}; ${Math.round(entry.durationMs)} ms`,
});

/** A check the traffic gave no signal for: not run, saying which request would have shown it. */
export const unseen = (name: string, what: string, how: string): Check =>
  notRun(name, `Not run: the partner's traffic did not show ${what}. ${how}`);

export const dated = (entry: JournalEntry) => new Date(entry.receivedAt).toISOString();
