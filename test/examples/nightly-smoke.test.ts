import { readFileSync } from 'node:fs';
import { validateWorkflow } from '@action-validator/core';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../../harness/cli/run-cli.js';
import { KNOWN_ENV_NAMES } from '../../harness/config/known-env.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const GITHUB = read('examples/nightly-smoke/github-actions.yml');
const GITLAB = read('examples/nightly-smoke/gitlab-ci.yml');
const gitlabSchema = JSON.parse(read('fixtures/ci-schemas/gitlab-ci.schema.json')) as object;

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
const validateGitlab = ajv.compile(gitlabSchema);

/** The flags the examples pass to `dutyclaims-launch smoke`, including the baseline held in a shell variable. */
const smokeFlags = (text: string) => [
  ...new Set(
    text
      .split('\n')
      .filter((line) => /dutyclaims-launch smoke|baseline=\(|BASELINE=/.test(line))
      .flatMap((line) => line.match(/--[a-z][a-z-]+/g) ?? []),
  ),
];

describe('examples/nightly-smoke', () => {
  it('the GitHub Actions workflow is valid against the github-workflow schema, and the validator catches a broken one', () => {
    expect(validateWorkflow(GITHUB).errors).toEqual([]);
    const broken = GITHUB.replace('runs-on: ubuntu-latest', 'runs-on: [ubuntu-latest').replace(
      'timeout-minutes: 15',
      'timeout-minutes: soon',
    );
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
    expect(validateWorkflow(GITHUB.replace('    steps:', '    stepz:')).errors.length).toBeGreaterThan(0);
  });

  it("the GitLab job is valid against GitLab's CI schema, and the schema catches a broken one", () => {
    expect(validateGitlab(parse(GITLAB)), JSON.stringify(validateGitlab.errors)).toBe(true);
    const broken = parse(GITLAB.replace('when: always', 'when: sometimes')) as unknown;
    expect(validateGitlab(broken)).toBe(false);
    expect(validateGitlab(parse(GITLAB.replace('  script:', '  scripts:')))).toBe(false);
  });

  it('both run smoke with the previous packet as baseline and publish JUnit, with flags and settings smoke knows', async () => {
    const out: string[] = [];
    await runCli(['smoke', '--help'], { out: (line) => out.push(line), err: (line) => out.push(line), env: {} });
    const usage = out.join('\n');
    for (const text of [GITHUB, GITLAB]) {
      expect(smokeFlags(text)).toEqual(expect.arrayContaining(['--baseline', '--junit', '--out']));
      for (const flag of smokeFlags(text)) expect(usage).toContain(`${flag} `);
      const settings = [...new Set(text.match(/DUTYCLAIMS_[A-Z_]+/g) ?? [])];
      expect(
        settings.filter((name) => !KNOWN_ENV_NAMES.includes(name) && name !== 'DUTYCLAIMS_READ_ONLY_API_KEY'),
      ).toEqual([]);
      expect(text).toMatch(/junit\.xml/);
    }
  });
});
