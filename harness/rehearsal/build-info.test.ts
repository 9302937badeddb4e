import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type BuildInfo, describeBuild, describeBuildInBackground } from './build-info.js';

const outsideGit = () => mkdtempSync(join(tmpdir(), 'dc-build-'));

type Describe = (env: Record<string, string | undefined>, cwd: string) => Promise<BuildInfo>;
const blocking: Describe = async (env, cwd) => describeBuild(env, cwd);

describe.each([
  ['describeBuild', blocking],
  ['describeBuildInBackground', describeBuildInBackground as Describe],
])('%s', (_name, describeBuild) => {
  it('reads commit, branch and run URL from GitHub Actions', async () => {
    expect(
      await describeBuild(
        {
          GITHUB_SHA: 'abc123',
          GITHUB_REF_NAME: 'main',
          GITHUB_SERVER_URL: 'https://github.com',
          GITHUB_REPOSITORY: 'acme/erp',
          GITHUB_RUN_ID: '42',
        },
        outsideGit(),
      ),
    ).toEqual({ commit: 'abc123', branch: 'main', ciRunUrl: 'https://github.com/acme/erp/actions/runs/42' });
  });

  it('reads GitLab CI and Jenkins variables', async () => {
    expect(
      await describeBuild(
        {
          CI_COMMIT_SHA: 'def456',
          CI_COMMIT_REF_NAME: 'release',
          CI_PIPELINE_URL: 'https://gitlab.example/p/-/pipelines/7',
        },
        outsideGit(),
      ),
    ).toEqual({ commit: 'def456', branch: 'release', ciRunUrl: 'https://gitlab.example/p/-/pipelines/7' });
    expect(
      await describeBuild({ GIT_COMMIT: '0f0f', BUILD_URL: 'https://jenkins.example/job/1/' }, outsideGit()),
    ).toMatchObject({ commit: '0f0f', ciRunUrl: 'https://jenkins.example/job/1/' });
  });

  it('records nothing it cannot know, outside CI and git', async () => {
    expect(await describeBuild({}, outsideGit())).toEqual({ commit: null, branch: null, ciRunUrl: null });
  });

  it('falls back to git in the working directory', async () => {
    const repo = new URL('../..', import.meta.url).pathname;
    const build = await describeBuild({}, repo);
    // This repository's own checkout (a CI clone or a worktree): a full commit SHA.
    expect(build.commit).toMatch(/^[0-9a-f]{40}$/);
    const branch = execFileSync('git', ['rev-parse', '--abbrev-ref', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
    expect(build.branch).toBe(branch === 'HEAD' ? null : branch);
    // A branch from CI with the commit from git, and the other way round.
    expect(await describeBuild({ GIT_BRANCH: 'from-ci' }, repo)).toMatchObject({
      commit: build.commit,
      branch: 'from-ci',
    });
    expect(await describeBuild({ GIT_COMMIT: 'c0ffee' }, repo)).toMatchObject({
      commit: 'c0ffee',
      branch: build.branch,
    });
  });
});
