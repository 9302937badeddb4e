import { execFileSync } from 'node:child_process';

/** The partner build a run tested: what support asks for first when traffic misbehaves. */
export interface BuildInfo {
  readonly commit: string | null;
  readonly branch: string | null;
  /** A link to the CI run that produced the packet. */
  readonly ciRunUrl: string | null;
}

type Env = Readonly<Record<string, string | undefined>>;

const first = (env: Env, ...names: string[]): string | null => {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return null;
};

/** The CI run's URL from the variables GitHub Actions, GitLab CI, CircleCI, Buildkite, Jenkins and Azure Pipelines set. */
function ciRunUrl(env: Env): string | null {
  if (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID)
    return `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
  if (env.SYSTEM_COLLECTIONURI && env.SYSTEM_TEAMPROJECT && env.BUILD_BUILDID)
    return `${env.SYSTEM_COLLECTIONURI}${env.SYSTEM_TEAMPROJECT}/_build/results?buildId=${env.BUILD_BUILDID}`;
  return first(env, 'CI_PIPELINE_URL', 'CIRCLE_BUILD_URL', 'BUILDKITE_BUILD_URL', 'BUILD_URL');
}

/** `git rev-parse` in `cwd`, or null when there is no git or no repository (never throws). */
function git(cwd: string, ...args: string[]): string | null {
  try {
    const out = execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      timeout: 2_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out.trim() || null;
  } catch {
    return null;
  }
}

/**
 * Describes the build under test: commit and branch from the CI's variables, else from git in
 * `cwd`; the CI run's URL when a known CI set it.
 */
export function describeBuild(env: Env = process.env, cwd: string = process.cwd()): BuildInfo {
  const envCommit = first(
    env,
    'GITHUB_SHA',
    'CI_COMMIT_SHA',
    'CIRCLE_SHA1',
    'BUILDKITE_COMMIT',
    'GIT_COMMIT',
    'BUILD_SOURCEVERSION',
  );
  const envBranch = first(
    env,
    'GITHUB_HEAD_REF',
    'GITHUB_REF_NAME',
    'CI_COMMIT_REF_NAME',
    'CIRCLE_BRANCH',
    'BUILDKITE_BRANCH',
    'GIT_BRANCH',
  );
  let commit = envCommit;
  let branch = envBranch;
  if (commit === null) {
    // One git process for both when neither came from CI: each spawn is a visible part of a run's start.
    const lines = git(cwd, 'rev-parse', 'HEAD', ...(branch === null ? ['--abbrev-ref', 'HEAD'] : []))?.split('\n');
    commit = lines?.[0]?.trim() || null;
    if (branch === null && commit !== null) branch = lines?.[1]?.trim() || null;
  } else if (branch === null) branch = git(cwd, 'rev-parse', '--abbrev-ref', 'HEAD');
  return { commit, branch: branch === 'HEAD' ? null : branch, ciRunUrl: ciRunUrl(env) };
}
