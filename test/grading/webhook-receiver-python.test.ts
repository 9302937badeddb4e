import { describe, expect, it } from 'vitest';
import {
  type PythonReceiverOptions,
  startPythonReceiver,
} from '../../examples/webhook-receivers/src/python-receiver.js';
import { GradeReport } from '../../harness/grading/shared/index.js';
import { gradeWebhookReceiver, WEBHOOK_RECEIVER_CHECKS } from '../../harness/grading/webhook-receiver/index.js';
import { WEBHOOK_SCHEME_IDS, webhookSchemes } from '../../harness/webhooks/index.js';
import { hasPython, needsPython } from './support/python.js';

// A receiver written in another language (Python 3 standard library, run as a child process on
// 127.0.0.1, port 0): the grader only speaks HTTP, so it grades any language.
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

async function gradePython(options: Omit<PythonReceiverOptions, 'secret' | 'testMode'>): Promise<GradeReport> {
  await using receiver = await startPythonReceiver({ ...options, secret, testMode: true });
  const report = await gradeWebhookReceiver({
    url: receiver.url,
    secret,
    ...(options.scheme === undefined ? {} : { scheme: options.scheme }),
    processedEventsUrl: receiver.processedUrl ?? '',
    processingWaitMs: 500,
  });
  return GradeReport.parse(report);
}

const failing = (report: GradeReport) =>
  report.checks.filter((check) => check.verdict === 'fail').map((check) => check.id);

describe.skipIf(!hasPython)(needsPython('the Python reference receiver'), () => {
  it.each(WEBHOOK_SCHEME_IDS)('passes every check with the %s scheme', async (scheme) => {
    const report = await gradePython({ scheme });
    for (const { id } of WEBHOOK_RECEIVER_CHECKS) {
      const check = report.checks.find((candidate) => candidate.id === id);
      const expected = id === 'rotation' && !webhookSchemes[scheme].multipleSignatures ? 'not_graded' : 'pass';
      expect(check?.verdict, `${id}: ${check?.reason}`).toBe(expected);
    }
  });
});

describe.skipIf(!hasPython)(
  needsPython('the Python receiver with a deliberate flaw fails exactly the matching check'),
  () => {
    it.each([
      ['reserialize', 'dutyclaims', ['reserialized-body']],
      ['reserialize', 'x-dual-signature', ['reserialized-body']],
      ['no-dedupe', 'standard-webhooks', ['duplicate-processed-once']],
      ['accept-stale', 'x-signature', ['stale-timestamp']],
    ] as const)('%s (%s scheme)', async (flaw, scheme, expected) => {
      const report = await gradePython({ scheme, flaws: [flaw] });
      expect(failing(report)).toEqual(expected);
    });

    it('is caught re-serialising the way Python does, not only the way JavaScript does', async () => {
      const report = await gradePython({ flaws: ['reserialize'] });
      const check = report.checks.find((candidate) => candidate.id === 'reserialized-body');
      expect(check?.reason).toContain("separators=(',', ':'), ensure_ascii=False");
      expect(check?.reason).not.toContain('JavaScript');
    });
  },
);
