import { beforeAll, describe, it } from 'vitest';
import { assertGradeCheck } from '../shared/assert-check.js';
import type { GradeReport } from '../shared/report.js';
import { WEBHOOK_RECEIVER_CHECKS } from './checks.js';
import { gradeWebhookReceiver } from './grade.js';
import type { WebhookGradeOptions } from './options.js';

export interface WebhookReceiverSuiteOptions {
  /** The describe block's name. Default `webhook receiver grade`. */
  readonly name?: string;
  /** Time allowed for the whole battery. Default 120000 ms. */
  readonly timeoutMs?: number;
}

/**
 * Defines a vitest suite with one test per check of the webhook-receiver grader. Checks that cannot
 * be graded (no processed-events hook, single-signature scheme) are skipped with the reason, never
 * passed. `options` may be a function, called in `beforeAll`, for receivers started on port 0.
 * @example describeWebhookReceiverGrade(() => ({ url: receiver.url, secret, processedEventsUrl: receiver.processedUrl }))
 */
export function describeWebhookReceiverGrade(
  options: WebhookGradeOptions | (() => WebhookGradeOptions | Promise<WebhookGradeOptions>),
  suite: WebhookReceiverSuiteOptions = {},
): void {
  describe(suite.name ?? 'webhook receiver grade', () => {
    let report: GradeReport | undefined;
    beforeAll(async () => {
      report = await gradeWebhookReceiver(typeof options === 'function' ? await options() : options);
    }, suite.timeoutMs ?? 120_000);

    for (const { id, title } of WEBHOOK_RECEIVER_CHECKS)
      it(`${id}: ${title}`, (context) => {
        const check = report?.checks.find((candidate) => candidate.id === id);
        if (!check) throw new Error(`The grader did not report ${id}; see the beforeAll error above.`);
        assertGradeCheck(check, (note) => context.skip(note));
      });
  });
}
