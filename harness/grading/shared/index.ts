export { assertGradeCheck, GradeCheckFailedError, isGradeCheckFailedError } from './assert-check.js';
export type { RenderGradeOptions } from './render.js';
export { renderGradeReport } from './render.js';
export type { GradeSummary } from './report.js';
export {
  GradeCheck,
  GradeReport,
  GradeVerdict,
  gradeExitCode,
  secretHint,
  summarizeGradeReport,
} from './report.js';
