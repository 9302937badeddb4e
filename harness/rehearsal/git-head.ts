// What `git rev-parse HEAD` and `git rev-parse --abbrev-ref HEAD` print, read from the repository's
// files instead of a git process. Why: starting git took 6-10 ms of every `rehearse` on the main
// thread (fork of a process that has loaded the run), for two lines of text. Anything this reader is
// not certain about answers null, and the caller asks git itself.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** HEAD of the repository around a directory; `abbrevRef` is `HEAD` when it is detached. */
export interface GitHead {
  readonly commit: string;
  readonly abbrevRef: string;
}

const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** Environment variables that change which repository, or which of its settings, git uses. */
const GIT_LOCATION_SETTINGS = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_COMMON_DIR',
  'GIT_CEILING_DIRECTORIES',
  'GIT_DISCOVERY_ACROSS_FILESYSTEM',
  'GIT_NAMESPACE',
  'GIT_CONFIG_GLOBAL',
  'GIT_CONFIG_SYSTEM',
  'GIT_CONFIG_COUNT',
  'GIT_CONFIG_PARAMETERS',
];

const readText = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

const statOf = (path: string) => {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
};

/**
 * The git directory of the repository containing `cwd` (a `.git` directory or a `gitdir:` file), as
 * git discovers it; null where git's answer could differ (another filesystem on the way up).
 */
function findGitDir(cwd: string): { gitDir: string; workTree: string } | 'none' | null {
  const device = statOf(cwd)?.dev;
  if (device === undefined) return null;
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (statOf(dir)?.dev !== device) return null;
    const dotGit = join(dir, '.git');
    const stats = statOf(dotGit);
    if (stats?.isDirectory()) return { gitDir: dotGit, workTree: dir };
    if (stats?.isFile()) {
      const match = /^gitdir: (.+)$/m.exec(readText(dotGit) ?? '');
      return match?.[1] ? { gitDir: resolve(dir, match[1].trim()), workTree: dir } : null;
    }
    if (dirname(dir) === dir) return 'none';
  }
}

/** A ref's object id: the loose ref file, else `packed-refs`; null when neither has it. */
function resolveRef(gitDir: string, commonDir: string, ref: string): string | null {
  for (const dir of gitDir === commonDir ? [gitDir] : [gitDir, commonDir]) {
    const loose = readText(join(dir, ref))?.trim();
    if (loose !== undefined) return OBJECT_ID.test(loose) ? loose : null;
  }
  for (const line of (readText(join(commonDir, 'packed-refs')) ?? '').split('\n')) {
    const [id, name] = line.trim().split(' ');
    if (name === ref && id !== undefined && OBJECT_ID.test(id)) return id;
  }
  return null;
}

/**
 * HEAD of the repository around `cwd`, as git would report it; `'none'` outside any repository;
 * null when git itself must answer: settings that change where git looks (GIT_DIR, GIT_WORK_TREE,
 * GIT_CEILING_DIRECTORIES, ...), a repository owned by another user (git may refuse it), the
 * reftable ref format, a symbolic ref chain, a branch with no commit yet.
 */
export function readGitHead(cwd: string, env: Readonly<Record<string, string | undefined>>): GitHead | 'none' | null {
  if (GIT_LOCATION_SETTINGS.some((name) => env[name])) return null;
  const found = findGitDir(cwd);
  if (found === null || found === 'none') return found;
  const { gitDir, workTree } = found;
  const owner = statOf(workTree)?.uid;
  if (owner === undefined || (typeof process.getuid === 'function' && owner !== process.getuid())) return null;
  const commonFile = readText(join(gitDir, 'commondir'))?.trim();
  const commonDir = commonFile ? resolve(gitDir, commonFile) : gitDir;
  const config = readText(join(commonDir, 'config')) ?? '';
  if (/^\s*refstorage\s*=/im.test(config)) return null;
  const head = readText(join(gitDir, 'HEAD'))?.trim();
  if (head === undefined) return null;
  if (OBJECT_ID.test(head)) return { commit: head, abbrevRef: 'HEAD' };
  const ref = /^ref: (refs\/heads\/\S+)$/.exec(head)?.[1];
  if (ref === undefined) return null;
  const commit = resolveRef(gitDir, commonDir, ref);
  return commit === null ? null : { commit, abbrevRef: ref.slice('refs/heads/'.length) };
}
