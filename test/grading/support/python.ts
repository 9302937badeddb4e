import { spawnSync } from 'node:child_process';

/** The interpreter the Python examples run with, looked up on PATH. */
export const PYTHON = 'python3';

/** True when `command --version` runs and exits 0. */
export const runs = (command: string): boolean =>
  spawnSync(command, ['--version'], { stdio: 'ignore', timeout: 10_000 }).status === 0;

/** Whether python3 is on PATH, probed once per test file. CI has it; `npm test` must not need it. */
export const hasPython = runs(PYTHON);

/** Why the Python tests were skipped, for titles and the warning. */
export const NO_PYTHON_REASON = `${PYTHON} is not on PATH`;

/** A test title that says, when Python is missing, why the test is skipped. */
export const needsPython = (title: string): string => (hasPython ? title : `${title} [skipped: ${NO_PYTHON_REASON}]`);

if (!hasPython)
  console.warn(
    `Skipping the tests that run the Python examples: ${NO_PYTHON_REASON}. Install Python 3 to run them (CI does).`,
  );
