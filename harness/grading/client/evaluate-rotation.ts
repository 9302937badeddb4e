import type { JournalEntry } from '../../reference-mock/index.js';
import type { GradeCheck } from '../shared/report.js';
import { type EvaluationContext, gradeCheck, mayBeTimeoutRetry } from './grade-check.js';
import { nextRepeat } from './journal-view.js';

/** What the grader did when it rotated the key mid-run (step 7), or why it did not. */
export type KeyRotationFacts =
  | {
      readonly rotated: true;
      /** Epoch ms (the journal's clock) once the old key was revoked and the new one written to the key file. */
      readonly switchedAt: number;
      readonly oldPrefix: string;
      readonly newPrefix: string;
      /** The request id of the grader's own revocation. */
      readonly revokeRequestId: string | null;
    }
  | { readonly rotated: false; readonly reason: string };

/** Evidence lines that also name the key prefix each request sent. */
const keyed = (context: EvaluationContext, entries: readonly JournalEntry[], limit = 20): string[] => [
  ...entries.slice(0, limit).map((entry) => `${context.view.line(entry)} credential=${entry.credentialPrefix ?? '-'}…`),
  ...(entries.length > limit ? [`… and ${entries.length - limit} more`] : []),
];

/**
 * After the grader rotated the key (revoked the old one and wrote the new one to the key file), no
 * request failed with the old key, and no 401 after the switch was repeated. Requests are counted, not timed: the
 * command waits for the key file to change before step 7's reads, so nothing is in flight at the switch.
 */
export function keyRotation(context: EvaluationContext, facts: KeyRotationFacts | null): GradeCheck {
  const id = 'key-rotation';
  const { view } = context;
  if (facts === null || !facts.rotated)
    return gradeCheck(id, 'not_graded', facts?.reason ?? 'the key was not rotated in this run', []);
  const after = view.entries.filter((entry) => entry.receivedAt >= facts.switchedAt);
  const header = `key rotated at t+${Math.round(facts.switchedAt - view.origin)}ms: ${facts.oldPrefix}… revoked (request ${facts.revokeRequestId ?? 'none'}), ${facts.newPrefix}… written to the key file`;
  const stale = after.filter((entry) => entry.credentialPrefix === facts.oldPrefix && entry.status === 401);
  // The step 6 401 is no-retry-on-4xx's to judge; this check judges the 401s of the rotation.
  const retried401 = after.flatMap((entry) => {
    if (entry.status !== 401) return [];
    const repeat = nextRepeat(view, entry);
    return repeat && !mayBeTimeoutRetry(context, entry, repeat) ? [{ entry, repeat }] : [];
  });
  if (stale.length > 0 || retried401.length > 0) {
    const reasons = [
      stale.length > 0
        ? `${stale.length} request(s) failed with the old key after the switch (requests ${stale.map((entry) => entry.requestId).join(', ')}): read the key from DUTYCLAIMS_API_KEY_FILE before every request`
        : '',
      retried401.length > 0
        ? `a 401 was retried (requests ${retried401.map(({ entry, repeat }) => `${entry.requestId} then ${repeat.requestId}`).join('; ')}): a 401 is final, switch keys instead`
        : '',
    ].filter(Boolean);
    return gradeCheck(id, 'fail', reasons.join('; '), [
      header,
      ...keyed(context, stale),
      ...retried401.flatMap(({ entry, repeat }) => [...keyed(context, [entry]), `repeated by ${view.line(repeat)}`]),
    ]);
  }
  const onNewKey = after.filter((entry) => entry.credentialPrefix === facts.newPrefix);
  if (onNewKey.length === 0)
    return gradeCheck(
      id,
      'not_graded',
      'no request reached the mock with the new key after the switch, so picking it up was not observed',
      [header, ...keyed(context, after)],
    );
  return gradeCheck(
    id,
    'pass',
    `after the switch ${onNewKey.length} request(s) used the new key and none failed with the old one; no 401 was retried`,
    [header, ...keyed(context, onNewKey)],
  );
}
