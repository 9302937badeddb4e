import { mkdirSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { HarnessEnv } from './env-schema.js';

const statOf = (path: string) => {
  try {
    return statSync(path);
  } catch {
    return null;
  }
};

/** Creates what is missing of `dir`, writes and removes a probe file, then removes what it created. */
function probeWrite(dir: string, missing: readonly string[]): void {
  const created: string[] = [];
  const probe = join(dir, `.dutyclaims-write-check-${process.pid}`);
  try {
    // One level at a time: a recursive mkdir can spin forever under /proc.
    for (const path of missing) {
      mkdirSync(path);
      created.unshift(path);
    }
    writeFileSync(probe, '');
    unlinkSync(probe);
  } finally {
    for (const path of created) {
      try {
        rmdirSync(path);
      } catch {
        // Another run started writing into it meanwhile: leave it to that run.
      }
    }
  }
}

/**
 * Proves the launch packet can be written to `dir` before the run starts: every missing directory is
 * created and a probe file written, then everything created is removed again. Access checks alone
 * would lie for root and read-only mounts. Returns a problem, or null.
 */
function outDirProblem(dir: string, attempts = 2): string | null {
  const label = 'DUTYCLAIMS_OUT_DIR (--out)';
  const missing: string[] = [];
  let existing = dir;
  while (statOf(existing) === null && dirname(existing) !== existing) {
    missing.unshift(existing);
    existing = dirname(existing);
  }
  if (!statOf(existing)?.isDirectory()) {
    return existing === dir
      ? `${label}: ${dir} exists and is not a directory. Choose a directory for the launch packet.`
      : `${label}: ${dir} is under ${existing}, which is a file, not a directory. Choose a directory for the launch packet.`;
  }
  try {
    probeWrite(dir, missing);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    // A directory that another run created and removed in between: look again.
    if ((code === 'ENOENT' || code === 'EEXIST') && attempts > 1) return outDirProblem(dir, attempts - 1);
    return `${label}: cannot write the launch packet to ${dir} (${code}). Choose a directory this user can write to, or fix its permissions.`;
  }
}

/** Paths must be usable before the run starts, so no run ends with its evidence unwritable. */
export function checkPaths(
  env: Pick<HarnessEnv, 'DUTYCLAIMS_PACT_DIR' | 'DUTYCLAIMS_OUT_DIR' | 'DUTYCLAIMS_ROLLBACK_PLAN_FILE'>,
  problems: string[],
) {
  if (env.DUTYCLAIMS_ROLLBACK_PLAN_FILE) {
    const file = resolve(env.DUTYCLAIMS_ROLLBACK_PLAN_FILE);
    if (!statSync(file, { throwIfNoEntry: false })?.isFile())
      problems.push(
        `DUTYCLAIMS_ROLLBACK_PLAN_FILE: ${file} is not a file. Point it at your rollback plan (pause calls, disable the endpoint, read-only mode, who decides), or unset it.`,
      );
  }
  if (env.DUTYCLAIMS_PACT_DIR) {
    const dir = resolve(env.DUTYCLAIMS_PACT_DIR);
    if (!statOf(dir)?.isDirectory()) {
      problems.push(
        `DUTYCLAIMS_PACT_DIR: ${dir} is not a directory. Point it at the folder your pact files were written to, or unset it.`,
      );
    }
  }
  const problem = outDirProblem(resolve(env.DUTYCLAIMS_OUT_DIR));
  if (problem !== null) problems.push(problem);
}
