import { execFile, execFileSync } from 'node:child_process';
import { readGitHead } from './git-head.js';

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

const GIT_OPTIONS = { encoding: 'utf8', timeout: 2_000 } as const;

/** `git rev-parse` in `cwd`, or null when there is no git or no repository (never throws). */
function git(cwd: string, ...args: string[]): string | null {
  try {
    const out = execFileSync('git', args, { ...GIT_OPTIONS, cwd, stdio: ['ignore', 'pipe', 'ignore'] });
    return out.trim() || null;
  } catch {
    return null;
  }
}

/** {@link git} without blocking: the run goes on while git starts and answers. */
function gitInBackground(cwd: string, ...args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    const child = execFile('git', args, { ...GIT_OPTIONS, cwd }, (error, stdout) =>
      resolve(error ? null : stdout.trim() || null),
    );
    child.stdin?.end();
  });
}

/**
 * What `git <args>` (a `rev-parse` of HEAD and/or `--abbrev-ref HEAD`) prints in `cwd`, read from the
 * repository's files (git-head.ts): null outside a repository, undefined when git itself must answer.
 * git runs with this process's environment, so its GIT_* settings are the ones that count.
 */
function gitFromFiles(cwd: string, args: readonly string[]): string | null | undefined {
  const head = readGitHead(cwd, process.env);
  if (head === null) return undefined;
  if (head === 'none') return null;
  const lines: string[] = [];
  for (let index = 1; index < args.length; index++) {
    if (args[index] === '--abbrev-ref') {
      lines.push(head.abbrevRef);
      index++;
    } else lines.push(head.commit);
  }
  return lines.join('\n');
}

/** What the CI's variables say, and the one git call that fills in the rest (null: none needed). */
function buildFromEnv(env: Env) {
  const commit = first(
    env,
    'GITHUB_SHA',
    'CI_COMMIT_SHA',
    'CIRCLE_SHA1',
    'BUILDKITE_COMMIT',
    'GIT_COMMIT',
    'BUILD_SOURCEVERSION',
  );
  const branch = first(
    env,
    'GITHUB_HEAD_REF',
    'GITHUB_REF_NAME',
    'CI_COMMIT_REF_NAME',
    'CIRCLE_BRANCH',
    'BUILDKITE_BRANCH',
    'GIT_BRANCH',
  );
  // One git process for both when neither came from CI: each spawn is a visible part of a run.
  const gitArgs =
    commit === null
      ? ['rev-parse', 'HEAD', ...(branch === null ? ['--abbrev-ref', 'HEAD'] : [])]
      : branch === null
        ? ['rev-parse', '--abbrev-ref', 'HEAD']
        : null;
  const complete = (out: string | null): BuildInfo => {
    // git prints the commit when it was asked for it, then the branch.
    const lines = out?.split('\n').map((line) => line.trim() || null) ?? [];
    const [gitCommit = null, gitBranch = null] = commit === null ? lines : [commit, ...lines];
    const found = branch ?? gitBranch;
    return { commit: gitCommit, branch: found === 'HEAD' ? null : found, ciRunUrl: ciRunUrl(env) };
  };
  return { gitArgs, complete };
}

/**
 * Describes the build under test: commit and branch from the CI's variables, else from git in
 * `cwd`; the CI run's URL when a known CI set it.
 */
export function describeBuild(env: Env = process.env, cwd: string = process.cwd()): BuildInfo {
  const { gitArgs, complete } = buildFromEnv(env);
  if (gitArgs === null) return complete(null);
  const fromFiles = gitFromFiles(cwd, gitArgs);
  return complete(fromFiles === undefined ? git(cwd, ...gitArgs) : fromFiles);
}

/**
 * {@link describeBuild} without blocking the event loop: a rehearsal starts it with the run and reads
 * it when it builds the packet (a blocking git call was ~15 ms of every `rehearse`).
 */
export async function describeBuildInBackground(
  env: Env = process.env,
  cwd: string = process.cwd(),
): Promise<BuildInfo> {
  const { gitArgs, complete } = buildFromEnv(env);
  if (gitArgs === null) return complete(null);
  const fromFiles = gitFromFiles(cwd, gitArgs);
  return complete(fromFiles === undefined ? await gitInBackground(cwd, ...gitArgs) : fromFiles);
}
