/** Bad command-line input: the CLI prints the message and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError' as const;
  readonly code = 'DC_ERR_USAGE' as const;
}

export const isUsageError = (error: unknown): error is UsageError =>
  error instanceof Error && error.name === 'UsageError';

/** Exit codes shared by every command. */
export const ExitCode = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * What the CLI prints, before exiting 2, for an error a command threw on bad input: a UsageError, or
 * node:util's parseArgs refusing an option. null for any other error.
 */
export function usageErrorMessage(error: unknown): string | null {
  if (isUsageError(error)) return error.message;
  if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    return error.message;
  return null;
}

/** `-h` means `--help` for every command; the partner command after `--` is left alone. */
export const expandShortHelp = (argv: readonly string[]): string[] => {
  const end = argv.indexOf('--');
  return argv.map((arg, index) => (arg === '-h' && (end === -1 || index < end) ? '--help' : arg));
};
