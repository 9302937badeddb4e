/** Bad command-line input: the CLI prints the message and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError' as const;
  readonly code = 'DC_ERR_USAGE' as const;
}

export const isUsageError = (error: unknown): error is UsageError =>
  error instanceof Error && error.name === 'UsageError';

/** Exit codes shared by every command. */
export const ExitCode = { ok: 0, failed: 1, usage: 2 } as const;
