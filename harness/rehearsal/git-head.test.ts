import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readGitHead } from './git-head.js';

// Known answers from git itself: every case compares the reader with `git rev-parse` in a real repository.
let root: string;
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { PATH: process.env.PATH, HOME: root },
  }).trim();
const gitSays = (cwd: string) => ({
  commit: git(cwd, 'rev-parse', 'HEAD'),
  abbrevRef: git(cwd, 'rev-parse', '--abbrev-ref', 'HEAD'),
});
const commitIn = (repo: string, message: string) => git(repo, 'commit', '--allow-empty', '-q', '-m', message);

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'dc-git-head-')));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const newRepo = (name = 'repo') => {
  const repo = join(root, name);
  mkdirSync(repo);
  git(repo, 'init', '-q', '-b', 'main');
  commitIn(repo, 'first');
  return repo;
};

describe('readGitHead', () => {
  it('reads the branch and its commit, from the top and from a subdirectory', () => {
    const repo = newRepo();
    const below = join(repo, 'a', 'b');
    mkdirSync(below, { recursive: true });
    expect(readGitHead(repo, {})).toEqual({ commit: expect.stringMatching(/^[0-9a-f]{40}$/), abbrevRef: 'main' });
    expect(readGitHead(repo, {})).toEqual(gitSays(repo));
    expect(readGitHead(below, {})).toEqual(gitSays(below));
  });

  it('reads a detached HEAD (abbrevRef HEAD), another branch, and refs git has packed', () => {
    const repo = newRepo();
    const first = git(repo, 'rev-parse', 'HEAD');
    commitIn(repo, 'second');
    git(repo, 'checkout', '-q', first);
    expect(readGitHead(repo, {})).toEqual({ commit: first, abbrevRef: 'HEAD' });
    expect(readGitHead(repo, {})).toEqual(gitSays(repo));
    git(repo, 'checkout', '-q', '-b', 'feature/x');
    expect(readGitHead(repo, {})).toEqual(gitSays(repo));
    git(repo, 'pack-refs', '--all');
    expect(readGitHead(repo, {})).toEqual(gitSays(repo));
  });

  it('reads a linked worktree and a .git file that points elsewhere (as submodules have)', () => {
    const repo = newRepo();
    const tree = join(root, 'tree');
    git(repo, 'worktree', 'add', '-q', '-b', 'side', tree);
    commitIn(tree, 'on side');
    expect(readGitHead(tree, {})).toEqual(gitSays(tree));
    expect(readGitHead(tree, {})).toMatchObject({ abbrevRef: 'side' });
    const linked = join(root, 'linked');
    mkdirSync(linked);
    writeFileSync(join(linked, '.git'), 'gitdir: ../repo/.git\n');
    expect(readGitHead(linked, {})).toEqual(gitSays(linked));
  });

  it('is none outside any repository (or leaves it to git when the way up crosses a filesystem)', () => {
    expect(() => git(root, 'rev-parse', 'HEAD')).toThrow();
    const sameFilesystemToTheTop =
      statSync(root).dev === statSync(tmpdir()).dev && statSync(tmpdir()).dev === statSync('/').dev;
    expect(readGitHead(root, {})).toBe(sameFilesystemToTheTop ? 'none' : null);
  });

  it('leaves to git what it is not sure of: a branch with no commit yet, or GIT_* settings that move git', () => {
    const empty = join(root, 'empty');
    mkdirSync(empty);
    git(empty, 'init', '-q', '-b', 'main');
    expect(readGitHead(empty, {})).toBeNull();
    const repo = newRepo();
    expect(readGitHead(repo, { GIT_DIR: join(repo, '.git') })).toBeNull();
    expect(readGitHead(repo, { GIT_CEILING_DIRECTORIES: root })).toBeNull();
    // Settings git does not look for repositories by change nothing.
    expect(readGitHead(repo, { GIT_AUTHOR_NAME: 'someone' })).toEqual(gitSays(repo));
  });
});
