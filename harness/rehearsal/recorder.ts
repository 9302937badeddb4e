import type { CallRecord } from '../client/metadata.js';
import { traceIdOf } from '../client/trace-context.js';
import type { LogFields, TimelineEntry } from '../packet/schema.js';

const ID_PARAMS = /\/(porg_|cli_|clm_|we_|whd_)[0-9a-z]+/g;
const ID_LABELS: Record<string, string> = {
  porg_: 'partnerOrgId',
  cli_: 'clientId',
  clm_: 'claimId',
  we_: 'endpointId',
  whd_: 'deliveryId',
};

/**
 * Records every call of a run as the checklist's minimum log fields, and a timeline. Fed by the client's
 * `onCall` hook, so nothing the client sent goes unrecorded.
 */
export class CallRecorder {
  step: string | null = null;
  /** Identifiers learned so far (client, claim, job, endpoint...), attached to later records. */
  readonly knownIds: Record<string, string> = {};
  readonly calls: LogFields[] = [];
  readonly timeline: TimelineEntry[] = [];
  /** The `X-RateLimit-Limit` each route answered with (`GET /v1/...`), last seen wins. */
  readonly rateLimits: Record<string, number> = {};

  constructor(private readonly partnerOrgId: string) {}

  readonly onCall = (record: CallRecord): void => {
    const { meta } = record;
    const ids: Record<string, string> = { ...this.knownIds };
    for (const match of new URL(meta.url).pathname.matchAll(ID_PARAMS)) {
      const prefix = match[1] ?? '';
      const label = ID_LABELS[prefix];
      if (label) ids[label] = match[0].slice(1);
    }
    if (meta.rateLimit) this.rateLimits[`${meta.method} ${meta.route}`] = meta.rateLimit.limit;
    this.calls.push({
      step: this.step,
      operationId: meta.operationId,
      method: meta.method,
      route: meta.route,
      timestamp: meta.startedAt,
      environment: meta.environment,
      status: meta.status,
      outcome: record.ok ? 'ok' : 'error',
      errorCode: record.ok ? null : record.error.code,
      requestId: meta.requestId,
      correlationId: meta.correlationId,
      traceId: traceIdOf(meta.traceparent),
      idempotencyKey: meta.idempotencyKey,
      replayed: meta.replayed === true,
      attempts: meta.attempts.length,
      attemptLog: meta.attempts.map(({ attempt, status, requestId, errorCode }) => ({
        attempt,
        status,
        requestId,
        errorCode,
      })),
      durationMs: Math.round(meta.durationMs * 10) / 10,
      partnerOrgId: this.partnerOrgId,
      ids,
    });
    this.timeline.push({
      at: meta.startedAt,
      step: this.step ?? meta.operationId,
      detail: `${meta.method} ${meta.route} -> ${meta.status ?? (record.ok ? '' : record.error.code)}${meta.requestId ? ` (${meta.requestId})` : ''}`,
      ok: record.ok,
    });
  };

  /** The checklist asks for the minimum log fields of every write and every non-2xx. */
  writesAndFailures(): LogFields[] {
    return this.calls.filter((call) => call.method !== 'GET' || call.outcome === 'error');
  }
}
