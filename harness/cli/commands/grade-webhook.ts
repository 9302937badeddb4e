import { parseArgs } from 'node:util';
import { renderGradeReport } from '../../grading/shared/render.js';
import { gradeExitCode } from '../../grading/shared/report.js';
import { isWebhookGradeConfigError } from '../../grading/webhook-receiver/errors.js';
import { gradeWebhookReceiver } from '../../grading/webhook-receiver/grade.js';
import type { WebhookGradeOptions } from '../../grading/webhook-receiver/options.js';
import {
  isWebhookSchemeId,
  WEBHOOK_SCHEME_IDS,
  type WebhookSchemeId,
  webhookSchemes,
} from '../../webhooks/schemes/registry.js';
import { createXSignatureScheme } from '../../webhooks/schemes/x-signature.js';

/** The environment variable the secret is read from when --secret is absent. */
export const WEBHOOK_SECRET_ENV = 'DUTYCLAIMS_WEBHOOK_SECRET';

/** Where the command writes; defaults to the process's streams and environment. */
export interface GradeWebhookCommandIo {
  readonly stdout?: (text: string) => void;
  readonly stderr?: (text: string) => void;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export const GRADE_WEBHOOK_USAGE = `Usage: dutyclaims-launch grade-webhook --url URL [options]

Sends a battery of signed, tampered, stale, re-serialised, rotated and duplicate deliveries to your
running webhook receiver and grades its answers.

  --url URL                 the receiver (loopback only unless --allow-non-loopback)
  --secret SECRET           the signing secret; prefer the ${WEBHOOK_SECRET_ENV} environment variable
  --scheme ID               dutyclaims (default), standard-webhooks, x-dual-signature, x-signature
  --message-template T      x-signature only: the signed message, default "{timestamp}.{body}"
  --tolerance SECONDS       the receiver's timestamp tolerance (default 300)
  --processed-url URL       test-mode hook listing processed event ids (one entry per processing)
  --processed-command CMD   or a shell command printing them
  --processing-wait-ms MS   how long to wait for accepted events to be processed (default 30000)
  --processing-quiet-ms MS  how long the processed list must stay unchanged to count as final,
                            longer than one work item of your worker (default 2000)
  --allow-non-loopback      allow a receiver that is not on 127.0.0.1/::1/localhost
  --json                    print the report as JSON
  --evidence                print each check's evidence under it
  --help                    show this text

Exit status: 0 every graded check passed, 1 a check failed, 2 bad usage.
`;

class UsageError extends Error {
  override readonly name = 'UsageError' as const;
}

function optionsFrom(argv: readonly string[], env: GradeWebhookCommandIo['env'] = {}) {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      url: { type: 'string' },
      secret: { type: 'string' },
      scheme: { type: 'string' },
      'message-template': { type: 'string' },
      tolerance: { type: 'string' },
      'processed-url': { type: 'string' },
      'processed-command': { type: 'string' },
      'processing-wait-ms': { type: 'string' },
      'processing-quiet-ms': { type: 'string' },
      'allow-non-loopback': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      evidence: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return { help: true as const };
  if (!values.url) throw new UsageError('Give the receiver URL with --url, e.g. --url http://127.0.0.1:8080/webhooks.');
  const secret = values.secret ?? env[WEBHOOK_SECRET_ENV];
  if (!secret) throw new UsageError(`Give the signing secret in ${WEBHOOK_SECRET_ENV} (or with --secret).`);
  if (values.tolerance !== undefined && !/^\d+$/.test(values.tolerance))
    throw new UsageError(`--tolerance takes whole seconds, e.g. --tolerance 300; got "${values.tolerance}".`);
  for (const flag of ['processing-wait-ms', 'processing-quiet-ms'] as const)
    if (values[flag] !== undefined && !/^\d+$/.test(values[flag] ?? ''))
      throw new UsageError(`--${flag} takes whole milliseconds, e.g. --${flag} 30000; got "${values[flag]}".`);
  if (
    values['message-template'] !== undefined &&
    webhookSchemes[values.scheme as WebhookSchemeId]?.id !== 'x-signature'
  )
    throw new UsageError('--message-template only applies to --scheme x-signature.');
  if (values.scheme !== undefined && !isWebhookSchemeId(values.scheme))
    throw new UsageError(`Unknown --scheme "${values.scheme}". Use one of: ${WEBHOOK_SCHEME_IDS.join(', ')}.`);
  let scheme: WebhookGradeOptions['scheme'] = values.scheme;
  if (values['message-template'] !== undefined) {
    try {
      scheme = createXSignatureScheme({ messageTemplate: values['message-template'] });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  const options: WebhookGradeOptions = {
    url: values.url,
    secret,
    allowNonLoopback: values['allow-non-loopback'],
    ...(scheme === undefined ? {} : { scheme }),
    ...(values.tolerance === undefined ? {} : { toleranceSeconds: Number(values.tolerance) }),
    ...(values['processed-url'] === undefined ? {} : { processedEventsUrl: values['processed-url'] }),
    ...(values['processed-command'] === undefined ? {} : { processedEventsCommand: values['processed-command'] }),
    ...(values['processing-wait-ms'] === undefined ? {} : { processingWaitMs: Number(values['processing-wait-ms']) }),
    ...(values['processing-quiet-ms'] === undefined
      ? {}
      : { processingQuietMs: Number(values['processing-quiet-ms']) }),
  };
  return {
    help: false as const,
    options,
    json: values.json,
    evidence: values.evidence,
    secretOnCommandLine: values.secret !== undefined,
  };
}

/**
 * Runs `grade-webhook` with the given arguments (without the command name) and returns the exit
 * status: 0 all graded checks passed, 1 a check failed, 2 bad usage.
 * @example process.exitCode = await runGradeWebhookCommand(['--url', 'http://127.0.0.1:8080/webhooks'])
 */
export async function runGradeWebhookCommand(argv: readonly string[], io: GradeWebhookCommandIo = {}): Promise<number> {
  const stdout = io.stdout ?? ((text: string) => process.stdout.write(text));
  const stderr = io.stderr ?? ((text: string) => process.stderr.write(text));
  let parsed: ReturnType<typeof optionsFrom>;
  try {
    parsed = optionsFrom(argv, io.env ?? process.env);
  } catch (error) {
    stderr(`grade-webhook: ${(error as Error).message}\n\n${GRADE_WEBHOOK_USAGE}`);
    return 2;
  }
  if (parsed.help) {
    stdout(GRADE_WEBHOOK_USAGE);
    return 0;
  }
  if (parsed.secretOnCommandLine)
    stderr(
      `grade-webhook: note: --secret is visible in shell history and process lists; prefer ${WEBHOOK_SECRET_ENV}.\n`,
    );
  try {
    const report = await gradeWebhookReceiver(parsed.options);
    stdout(
      parsed.json ? `${JSON.stringify(report, null, 2)}\n` : renderGradeReport(report, { evidence: parsed.evidence }),
    );
    return gradeExitCode(report);
  } catch (error) {
    if (!isWebhookGradeConfigError(error)) throw error;
    stderr(`grade-webhook: ${error.message}\n`);
    return 2;
  }
}
