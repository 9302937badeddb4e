import { describe, expect, it } from 'vitest';
import { startNodeReceiver } from '../../examples/webhook-receivers/src/node-receiver.js';
import { GradeReport } from '../../harness/grading/shared/index.js';
import { gradeWebhookReceiver, type WebhookGradeOptions } from '../../harness/grading/webhook-receiver/index.js';

// A receiver that acknowledges at once and processes in a background worker (the pattern the launch
// checklists recommend) is correct, however slow its worker; without dedupe, its second processing of
// a duplicate comes one work item after the first, and the grader must still see it.
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

async function grade(workMsPerEvent: number, flaws: 'no-dedupe'[] = [], timing: Partial<WebhookGradeOptions> = {}) {
  await using receiver = await startNodeReceiver({ secret, testMode: true, workMsPerEvent, flaws });
  const report = await gradeWebhookReceiver({
    url: receiver.url,
    secret,
    processedEventsUrl: receiver.processedUrl ?? '',
    ...timing,
  });
  return GradeReport.parse(report);
}

const verdicts = (report: GradeReport) => report.checks.filter((check) => check.verdict !== 'pass');

describe('a receiver with a background worker', () => {
  it('passes every check with the default wait at 1.5 s per event', async () => {
    const report = await grade(1500);
    expect(verdicts(report)).toEqual([]);
  }, 60_000);

  it('without dedupe, fails duplicate-processed-once although its worker takes 300 ms per event', async () => {
    const report = await grade(300, ['no-dedupe'], { processingQuietMs: 600 });
    expect(verdicts(report).map((check) => `${check.id}: ${check.verdict}`)).toEqual([
      'duplicate-processed-once: fail',
    ]);
    expect(report.checks.find((check) => check.id === 'duplicate-processed-once')?.reason).toMatch(/processed 2 times/);
  }, 60_000);

  it('says "acknowledged, not processed within N s" when the wait is shorter than the worker', async () => {
    // The valid delivery is processed after about 1.5 s, the three rotation deliveries after 3, 4.5 and 6 s.
    const report = await grade(1500, [], { processingWaitMs: 4000 });
    const rotation = report.checks.find((check) => check.id === 'rotation');
    expect(rotation?.verdict, rotation?.reason).toBe('fail');
    expect(rotation?.reason).toMatch(/acknowledged, not processed within 4\.0 s: .*raise processingWaitMs/);
    expect(rotation?.reason).not.toMatch(/^check every v1/);
  }, 60_000);
});
