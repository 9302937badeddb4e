/** Which grader setting was wrong. */
export type WebhookGradeConfigField =
  | 'url'
  | 'secret'
  | 'scheme'
  | 'toleranceSeconds'
  | 'ackTimeoutMs'
  | 'processingWaitMs'
  | 'processingQuietMs'
  | 'processedEvents';

/** The grader was given settings it cannot run with; `field` says which, the message what to change. */
export class WebhookGradeConfigError extends Error {
  override readonly name = 'WebhookGradeConfigError' as const;
  readonly code = 'GRADE_WEBHOOK_CONFIG' as const;
  readonly field: WebhookGradeConfigField;

  constructor(field: WebhookGradeConfigField, message: string) {
    super(message);
    this.field = field;
  }
}

/** True for a WebhookGradeConfigError from any copy of this module. */
export const isWebhookGradeConfigError = (error: unknown): error is WebhookGradeConfigError =>
  error instanceof Error && error.name === 'WebhookGradeConfigError';
