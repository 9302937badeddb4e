/** The harness configuration is missing or inconsistent; `problems` lists every fix, one per line. */
export class HarnessConfigError extends Error {
  override readonly name = 'HarnessConfigError' as const;
  readonly code = 'DC_ERR_HARNESS_CONFIG' as const;
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`The launch harness configuration needs fixing:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.problems = problems;
  }
}

export const isHarnessConfigError = (error: unknown): error is HarnessConfigError =>
  error instanceof Error && error.name === 'HarnessConfigError';
