import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('README code samples come from files that tests run', () => {
  it('shows the partner test file exactly as examples/partner-project has it (CI runs that project)', () => {
    expect(read('README.md')).toContain(read('examples/partner-project/launch/launch-gates.test.ts'));
  });

  it("puts the partner's install first, the clone's two commands on the first screen, and .ci/run calls the same test command", () => {
    const firstScreen = read('README.md').split('\n').slice(0, 40).join('\n');
    const install = firstScreen.indexOf('npm i -D @dutyclaims/launch-harness vitest');
    expect(install).toBeGreaterThan(0);
    expect(firstScreen.indexOf('npm ci && npx dutyclaims-launch rehearse')).toBeGreaterThan(install);
    expect(firstScreen).toMatch(/^npm test\b/m);
    expect(read('.ci/run')).toMatch(/^npm test$/m);
  });

  it('documents every environment variable the configuration schema reads', async () => {
    const { HarnessEnv } = await import('../../harness/config/index.js');
    const readme = read('README.md');
    for (const name of Object.keys(HarnessEnv.shape)) expect(readme, name).toContain(name);
  });
});

describe('the reference-mock sample runs where the package claims to run', () => {
  it('is examples/partner-project/reference-mock.mjs verbatim, and that file runs under plain node', () => {
    const sample = read('examples/partner-project/reference-mock.mjs');
    expect(read('README.md')).toContain(sample);
    // Plain node (not vitest's transform) on this runtime, resolving the package by its own name.
    const result = spawnSync(process.execPath, ['--input-type=module'], {
      input: sample,
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^reference mock at http:\/\/127\.0\.0\.1:\d+\n$/);
  });

  it('shows `await using` only as the Node 24+ form, never in a code block to copy', () => {
    const readme = read('README.md');
    const blocks = [...readme.matchAll(/```\w*\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
    expect(blocks.filter((block) => block.includes('await using'))).toEqual([]);
    const paragraphs = readme.split(/\n\s*\n/).filter((paragraph) => paragraph.includes('await using'));
    expect(paragraphs.length).toBeGreaterThan(0);
    for (const paragraph of paragraphs) expect(paragraph).toContain('Node 24');
  });
});
