export type { GradeReportFileProblem, PacketIssue, PacketLeak } from './errors.js';
export {
  GradeReportFileError,
  isGradeReportFileError,
  isPacketSecretLeakError,
  isPacketValidationError,
  PacketSecretLeakError,
  PacketValidationError,
} from './errors.js';
export { evidenceScope } from './evidence-scope.js';
export { readGradeReportFile } from './grade-report-file.js';
export type { GradesSummary } from './grades.js';
export { GRADE_VERDICT_LABELS, gradesSentence, gradesVerdict, reportVerdict, summarizeGrades } from './grades.js';
export type {
  DriftChange,
  DriftSection,
  HistoryEntry,
  LatencySummary,
  MonitorCheck,
  MonitorSection,
  ProviderSnapshot,
} from './monitor-schema.js';
export { renderHtml } from './render-html.js';
export { renderJunit } from './render-junit.js';
export { renderMarkdown } from './render-markdown.js';
export {
  Artifact,
  EscalationTemplate,
  EvidenceItem,
  EvidenceScope,
  EvidenceSource,
  GateResult,
  LaunchPacket,
  LogFields,
  Owners,
  PACKET_SCHEMA_VERSION,
  PinOrigin,
  Target,
  TimelineEntry,
  Unproven,
  Verdict,
} from './schema.js';
export type { SecretFinding, SecretKind } from './secret-scan.js';
export { findSecrets, MAX_DISPLAY_PREFIX_LENGTH, redactSecrets } from './secret-scan.js';
export { validateLaunchPacket } from './validate-packet.js';
export type { ContractMatch, GateSummary } from './verdict.js';
export { contractMatch, PACKET_VERDICT_LABELS, summarizeGates, VERDICT_LABELS } from './verdict.js';
export type { ResolvedWritePacketOptions, WritePacketOptions, WrittenPacket } from './write-packet.js';
export { DEFAULT_WRITE_PACKET_OPTIONS, PACKET_FILE_NAMES, writeLaunchPacket } from './write-packet.js';
