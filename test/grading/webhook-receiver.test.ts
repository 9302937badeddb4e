import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startNodeReceiver } from '../../examples/webhook-receivers/src/node-receiver.js';
import { GradeReport, gradeExitCode } from '../../harness/grading/shared/index.js';
import {
  gradeWebhookReceiver,
  isWebhookGradeConfigError,
  WEBHOOK_RECEIVER_CHECKS,
} from '../../harness/grading/webhook-receiver/index.js';
import { WEBHOOK_SCHEME_IDS, webhookSchemes } from '../../harness/webhooks/index.js';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const verdicts = (report: GradeReport) => Object.fromEntries(report.checks.map((check) => [check.id, check.verdict]));

describe('the Node reference receiver passes every check', () => {
  it.each(WEBHOOK_SCHEME_IDS)('with the %s scheme and a processed-events URL', async (scheme) => {
    await using receiver = await startNodeReceiver({ secret, scheme, testMode: true });
    const report = await gradeWebhookReceiver({
      url: receiver.url,
      secret,
      scheme,
      processedEventsUrl: receiver.processedUrl ?? '',
    });
    const rotation = webhookSchemes[scheme].multipleSignatures ? 'pass' : 'not_graded';
    const expected = Object.fromEntries(
      WEBHOOK_RECEIVER_CHECKS.map((check) => [check.id, check.id === 'rotation' ? rotation : 'pass']),
    );
    expect(
      verdicts(report),
      JSON.stringify(
        report.checks.filter((check) => check.verdict !== 'pass'),
        null,
        2,
      ),
    ).toEqual(expected);
    expect(gradeExitCode(report)).toBe(0);
    expect(GradeReport.parse(report)).toEqual(report);
    expect(report).toMatchObject({ grader: 'webhook-receiver', target: receiver.url, settings: { scheme } });
  });
});

describe('processing hooks', () => {
  it('without a hook, grades rejections but reports processing as not graded, never pass', async () => {
    await using receiver = await startNodeReceiver({ secret });
    const report = await gradeWebhookReceiver({ url: receiver.url, secret });
    const result = verdicts(report);
    expect(result['rejected-not-processed']).toBe('not_graded');
    expect(result['duplicate-processed-once']).toBe('not_graded');
    expect(result['tampered-body']).toBe('pass');
    expect(report.checks.find((check) => check.id === 'duplicate-processed-once')?.reason).toContain('--processed-url');
    expect(gradeExitCode(report)).toBe(0);
  });

  it('reads the processed event ids from a shell command', async () => {
    await using receiver = await startNodeReceiver({ secret, testMode: true });
    const script = `fetch(${JSON.stringify(receiver.processedUrl)}).then((r) => r.text()).then((t) => process.stdout.write(t))`;
    const report = await gradeWebhookReceiver({
      url: receiver.url,
      secret,
      processedEventsCommand: `${JSON.stringify(process.execPath)} -e ${JSON.stringify(script)}`,
    });
    expect(verdicts(report)).toMatchObject({ 'rejected-not-processed': 'pass', 'duplicate-processed-once': 'pass' });
    expect(report.settings.processedEvents).toMatch(/^command /);
  });

  it('does not trust a hook that never lists anything', async () => {
    await using receiver = await startNodeReceiver({ secret });
    const report = await gradeWebhookReceiver({
      url: receiver.url,
      secret,
      processedEventsCommand: 'echo "[]"',
      processingWaitMs: 200,
    });
    const check = report.checks.find((candidate) => candidate.id === 'rejected-not-processed');
    expect(check).toMatchObject({
      verdict: 'not_graded',
      reason: expect.stringMatching(/listed none of the validly signed events within 0\.2 s/),
    });
  });
});

describe('reports', () => {
  it('never contain the full secret, only a short prefix', async () => {
    await using receiver = await startNodeReceiver({ secret, testMode: true });
    const report = await gradeWebhookReceiver({
      url: receiver.url,
      secret,
      processedEventsUrl: receiver.processedUrl ?? '',
    });
    const text = JSON.stringify(report);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(secret.slice(12));
    expect(report.settings.secret).toBe('whsec_MfKQ9r…');
  });

  it('turn an unreachable receiver into failed checks, not an exception', async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    server.close();
    const report = await gradeWebhookReceiver({ url: `http://127.0.0.1:${port}/webhooks`, secret });
    expect(verdicts(report)['valid-delivery']).toBe('fail');
    expect(report.checks[0]?.reason).toContain('ECONNREFUSED');
    expect(gradeExitCode(report)).toBe(1);
  });

  it('report a check as not graded, never passed, when a custom scheme plans no delivery for it', async () => {
    await using receiver = await startNodeReceiver({ secret, testMode: true });
    const scheme = { ...webhookSchemes.dutyclaims, malformed: () => [] };
    const report = await gradeWebhookReceiver({
      url: receiver.url,
      secret,
      scheme,
      processedEventsUrl: receiver.processedUrl ?? '',
    });
    const check = report.checks.find((candidate) => candidate.id === 'malformed-signature');
    expect(check).toMatchObject({ verdict: 'not_graded', evidence: [] });
    expect(check?.reason).toMatch(/no delivery was sent for this check/);
    expect(verdicts(report)['tampered-body']).toBe('pass');
  });

  it('refuse a receiver off loopback before sending anything', async () => {
    const error = await gradeWebhookReceiver({ url: 'https://hooks.example.com/dutyclaims', secret }).catch((e) => e);
    expect(isWebhookGradeConfigError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'GRADE_WEBHOOK_CONFIG', field: 'url' });
  });
});
