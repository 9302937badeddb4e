export type { GradeWebhookCommandIo } from '../../cli/commands/grade-webhook.js';
export { GRADE_WEBHOOK_USAGE, runGradeWebhookCommand, WEBHOOK_SECRET_ENV } from '../../cli/commands/grade-webhook.js';
export type { RenderGradeOptions } from '../shared/index.js';
export {
  GradeCheck,
  GradeReport,
  GradeVerdict,
  gradeExitCode,
  renderGradeReport,
  summarizeGradeReport,
} from '../shared/index.js';
export type { WebhookReceiverCheckId } from './checks.js';
export { WEBHOOK_RECEIVER_CHECKS } from './checks.js';
export type { WebhookGradeConfigField } from './errors.js';
export { isWebhookGradeConfigError, WebhookGradeConfigError } from './errors.js';
export { gradeWebhookReceiver, WEBHOOK_RECEIVER_GRADER } from './grade.js';
export type { ProcessedEventsHook, ResolvedWebhookGradeOptions, WebhookGradeOptions } from './options.js';
export { DEFAULT_WEBHOOK_GRADE_OPTIONS, resolveWebhookGradeOptions } from './options.js';
export { parseProcessedEvents } from './processed-hook.js';
