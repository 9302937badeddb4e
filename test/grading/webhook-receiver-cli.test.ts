import { describe, expect, it } from 'vitest';
import { startNodeReceiver } from '../../examples/webhook-receivers/src/node-receiver.js';
import { GradeReport } from '../../harness/grading/shared/index.js';
import { runGradeWebhookCommand } from '../../harness/grading/webhook-receiver/index.js';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

async function run(argv: string[], env: Record<string, string> = { DUTYCLAIMS_WEBHOOK_SECRET: secret }) {
  let stdout = '';
  let stderr = '';
  const code = await runGradeWebhookCommand(argv, {
    env,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

describe('dutyclaims-launch grade-webhook', () => {
  it('exits 0 for the reference receiver, reading the secret from DUTYCLAIMS_WEBHOOK_SECRET', async () => {
    await using receiver = await startNodeReceiver({ secret, testMode: true });
    const result = await run(['--url', receiver.url, '--processed-url', receiver.processedUrl ?? '']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('12 checks: 12 pass, 0 fail, 0 not graded');
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toContain(secret);
  });

  it('exits 1 when a check fails and prints the evidence on request', async () => {
    await using receiver = await startNodeReceiver({ secret, testMode: true, flaws: ['no-dedupe'] });
    const result = await run(['--url', receiver.url, '--processed-url', receiver.processedUrl ?? '', '--evidence']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/FAIL\s+duplicate-processed-once\s+processed 2 times/);
    expect(result.stdout).toMatch(/processed 2 time\(s\)/);
  });

  it('prints a report that validates against the GradeReport schema with --json', async () => {
    await using receiver = await startNodeReceiver({ secret, scheme: 'standard-webhooks' });
    const result = await run(['--url', receiver.url, '--scheme', 'standard-webhooks', '--tolerance', '300', '--json']);
    expect(result.code).toBe(0);
    const report = GradeReport.parse(JSON.parse(result.stdout));
    expect(report.settings).toMatchObject({ scheme: 'standard-webhooks', processedEvents: 'none' });
    expect(report.checks.find((check) => check.id === 'duplicate-processed-once')?.verdict).toBe('not_graded');
  });

  it('warns when the secret is passed on the command line, without echoing it', async () => {
    await using receiver = await startNodeReceiver({ secret });
    const result = await run(['--url', receiver.url, '--secret', secret], {});
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('prefer DUTYCLAIMS_WEBHOOK_SECRET');
    expect(result.stderr + result.stdout).not.toContain(secret);
  });

  it.each([
    [[], /--url/],
    [['--url', 'http://127.0.0.1:1/'], /DUTYCLAIMS_WEBHOOK_SECRET/, {}],
    [['--url', 'http://127.0.0.1:1/', '--scheme', 'stripe'], /Unknown --scheme "stripe"/],
    [['--url', 'http://127.0.0.1:1/', '--tolerance', '5m'], /whole seconds/],
    [['--url', 'http://127.0.0.1:1/', '--message-template', '{body}'], /only applies to --scheme x-signature/],
    [['--url', 'https://hooks.example.com/x'], /not a loopback address/],
    [['--url', 'http://127.0.0.1:1/', '--bogus'], /bogus/],
  ] as const)('exits 2 with advice for bad usage %j', async (argv, message, env?: Record<string, string>) => {
    const result = await run([...argv], env ?? { DUTYCLAIMS_WEBHOOK_SECRET: secret });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('grades the x-signature scheme, with another message format', async () => {
    await using receiver = await startNodeReceiver({ secret, scheme: 'x-signature' });
    const result = await run([
      '--url',
      receiver.url,
      '--scheme',
      'x-signature',
      '--message-template',
      '{eventId}.{timestamp}.{body}',
    ]);
    // The receiver expects the default format, so even the valid delivery is refused: the template is used.
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/FAIL\s+valid-delivery/);
  });

  it('prints usage with --help', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: dutyclaims-launch grade-webhook');
  });
});
