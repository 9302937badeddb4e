import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { headingAnchors, partnerSteps, readmeLinks, unresolvedLink } from '../support/readme-partner-steps.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/** The files `npm pack` would put in the tarball (no build: the lists of files and globs decide). */
function packedFiles(): string[] {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const report = JSON.parse(
    execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }),
  ) as { files: { path: string }[] }[];
  return (report[0]?.files ?? []).map((file) => file.path);
}

describe('README links a partner follows from the installed package', () => {
  // `npm pack --dry-run` takes seconds on a busy machine.
  it('each resolves: a shipped file, a README heading or an absolute https URL', { timeout: 120_000 }, () => {
    const shipped = packedFiles();
    const anchors = headingAnchors(readme);
    const links = readmeLinks(readme);
    expect(links.length).toBeGreaterThan(10);
    expect(links.map((link) => unresolvedLink(link, shipped, anchors)).filter((problem) => problem !== null)).toEqual(
      [],
    );
  });

  it('the package names its repository, homepage and issue tracker', () => {
    expect(pkg).toMatchObject({
      repository: { type: 'git', url: 'git+https://github.com/dutyclaims/launch-harness.git' },
      homepage: 'https://github.com/dutyclaims/launch-harness#readme',
      bugs: { url: 'https://github.com/dutyclaims/launch-harness/issues' },
    });
  });

  it('the link check refuses what a partner could not open', () => {
    const anchors = new Set(['configuration']);
    expect(unresolvedLink('docs/architecture.md', ['README.md'], anchors)).toMatch(/not in the package/);
    expect(unresolvedLink('#nowhere', [], anchors)).toMatch(/names no heading/);
    expect(unresolvedLink('http://example.com', [], anchors)).toMatch(/neither https/);
    expect(unresolvedLink('examples/partner-clients', ['examples/partner-clients/SCENARIO.md'], anchors)).toBeNull();
  });
});

describe("the README's partner steps", () => {
  it('install the package, write the gate test, run it, and run the reference-mock sample', () => {
    expect(partnerSteps(readme)).toEqual([
      { kind: 'run', command: 'npm i -D @dutyclaims/launch-harness vitest' },
      {
        kind: 'file',
        path: 'launch/launch-gates.test.ts',
        content: readFileSync(
          new URL('../../examples/partner-project/launch/launch-gates.test.ts', import.meta.url),
          'utf8',
        ),
      },
      { kind: 'run', command: 'npx vitest run launch/' },
      {
        kind: 'file',
        path: 'reference-mock.mjs',
        content: readFileSync(new URL('../../examples/partner-project/reference-mock.mjs', import.meta.url), 'utf8'),
      },
      { kind: 'run', command: 'node reference-mock.mjs' },
    ]);
  });
});
