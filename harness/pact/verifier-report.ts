/** One interaction the provider failed, with what did not match. */
export interface VerificationFailure {
  readonly interaction: string;
  readonly mismatches: readonly string[];
}

interface VerifierJson {
  errors?: { interaction?: string; mismatch?: { mismatches?: { mismatch?: string }[]; message?: string } }[];
  interactionResults?: unknown[];
}

/**
 * Reads pact-core's rejection (its message is the verifier's JSON report) into the failed
 * interactions and a one-line summary; falls back to the first line of a plain message.
 */
export function readVerifierFailure(error: unknown): { summary: string; failures: VerificationFailure[] } {
  const message = error instanceof Error ? error.message : String(error);
  let report: VerifierJson;
  try {
    report = JSON.parse(message) as VerifierJson;
  } catch {
    return { summary: message.split('\n')[0] || 'the verifier failed', failures: [] };
  }
  const failures = (report.errors ?? []).map((entry) => ({
    interaction: entry.interaction ?? '(unnamed interaction)',
    mismatches:
      entry.mismatch?.mismatches?.map((item) => item.mismatch ?? '').filter((text) => text !== '') ??
      (entry.mismatch?.message ? [entry.mismatch.message] : []),
  }));
  const total = report.interactionResults?.length;
  const summary =
    failures.length === 0
      ? 'the verifier reported failure without interaction errors'
      : `${failures.length}${total === undefined ? '' : ` of ${total}`} interaction(s) failed: ${failures
          .map((failure) => `${failure.interaction} (${failure.mismatches.slice(0, 2).join('; ') || 'no detail'})`)
          .join(' | ')}`;
  return { summary, failures };
}
