import type { MonitorCheck } from '../packet/monitor-schema.js';

type Verdict = MonitorCheck['verdict'];

/** Builds a check of the nightly watch. */
export const monitorCheck = (
  id: string,
  title: string,
  verdict: Verdict,
  detail: string,
  evidence: readonly string[] = [],
): MonitorCheck => ({ id, title, verdict, detail, evidence: [...evidence] });
