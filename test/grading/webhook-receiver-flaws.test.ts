import { describe, expect, it } from 'vitest';
import { RECEIVER_FLAWS, type ReceiverFlaw } from '../../examples/webhook-receivers/src/flaws.js';
import { startNodeReceiver } from '../../examples/webhook-receivers/src/node-receiver.js';
import { GradeReport } from '../../harness/grading/shared/index.js';
import {
  gradeWebhookReceiver,
  WEBHOOK_RECEIVER_CHECKS,
  type WebhookGradeOptions,
  type WebhookReceiverCheckId,
} from '../../harness/grading/webhook-receiver/index.js';
import type { WebhookSchemeId } from '../../harness/webhooks/index.js';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** Each deliberate defect and exactly the checks it must fail (DutyClaims scheme). */
const EXPECTED: Record<ReceiverFlaw, readonly WebhookReceiverCheckId[]> = {
  reserialize: ['reserialized-body'],
  'accept-any-signature': ['tampered-body', 'wrong-secret', 'reserialized-body'],
  'allow-unsigned': ['missing-signature'],
  'accept-malformed': ['malformed-signature'],
  'accept-stale': ['stale-timestamp'],
  'accept-future': ['future-timestamp'],
  'first-signature-only': ['rotation'],
  'last-signature-only': ['rotation'],
  'mark-seen-before-verify': ['forged-then-genuine'],
  'process-before-verify': ['rejected-not-processed'],
  'no-dedupe': ['duplicate-processed-once'],
  'dedupe-by-event-and-timestamp': ['duplicate-processed-once'],
  'slow-ack': ['valid-delivery', 'rotation', 'forged-then-genuine', 'duplicate-processed-once'],
};

async function grade(flaw: ReceiverFlaw, scheme: WebhookSchemeId = 'dutyclaims'): Promise<GradeReport> {
  await using receiver = await startNodeReceiver({ secret, scheme, testMode: true, flaws: [flaw], slowAckMs: 400 });
  const options: WebhookGradeOptions = {
    url: receiver.url,
    secret,
    scheme,
    processedEventsUrl: receiver.processedUrl ?? '',
    processingWaitMs: 500,
    processingQuietMs: 100,
    ...(flaw === 'slow-ack' ? { ackTimeoutMs: 200 } : {}),
  };
  // Every real report must validate: among other things, no pass without evidence.
  return GradeReport.parse(await gradeWebhookReceiver(options));
}

const failing = (report: GradeReport) =>
  report.checks.filter((check) => check.verdict === 'fail').map((check) => check.id);

describe('each deliberately flawed receiver fails exactly the checks it should', () => {
  it('covers every flaw the example receiver has', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...RECEIVER_FLAWS].sort());
  });

  it.each(RECEIVER_FLAWS)('%s', async (flaw) => {
    const report = await grade(flaw);
    expect(failing(report).sort()).toEqual([...EXPECTED[flaw]].sort());
    expect(report.checks.filter((check) => check.verdict === 'not_graded')).toEqual([]);
    for (const check of report.checks.filter((candidate) => candidate.verdict === 'fail'))
      expect(check.evidence.length, check.id).toBeGreaterThan(0);
  });

  it('every check in the catalogue is failed by at least one flaw', () => {
    const covered = new Set(Object.values(EXPECTED).flat());
    expect(WEBHOOK_RECEIVER_CHECKS.map((check) => check.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it.each([
    ['standard-webhooks', 'first-signature-only', ['rotation']],
    ['standard-webhooks', 'last-signature-only', ['rotation']],
    ['standard-webhooks', 'mark-seen-before-verify', ['forged-then-genuine']],
    ['standard-webhooks', 'reserialize', ['reserialized-body']],
    ['x-signature', 'dedupe-by-event-and-timestamp', ['duplicate-processed-once']],
    ['x-dual-signature', 'allow-unsigned', ['missing-signature']],
  ] as const)('with the %s scheme, %s fails %j', async (scheme, flaw, expected) => {
    expect(failing(await grade(flaw, scheme)).sort()).toEqual([...expected].sort());
  });

  it('explains a failure so the partner knows what to fix', async () => {
    const report = await grade('reserialize');
    const check = report.checks.find((candidate) => candidate.id === 'reserialized-body');
    expect(check?.reason).toContain('JavaScript JSON.stringify(JSON.parse(raw))');
    expect(check?.reason).toContain('exactly as received');
  });
});
