import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  headingAnchors,
  type PartnerStep,
  partnerSteps,
  readmeLinks,
  unresolvedLink,
} from '../support/readme-partner-steps.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const PACKAGE = '@dutyclaims/launch-harness';

/** The environment of a partner's shell: none of this run's npm, vitest or DUTYCLAIMS_* settings. */
const partnerEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { PACT_DO_NOT_TRACK: 'true', NO_COLOR: '1' };
  for (const [key, value] of Object.entries(process.env))
    if (!/^(npm_|VITEST|DUTYCLAIMS_)/i.test(key) && !['TEST', 'NODE_ENV', 'NODE_OPTIONS'].includes(key))
      env[key] = value;
  return env;
};

const registryProblem = (): string | null => {
  const ping = spawnSync('npm', ['ping'], { env: partnerEnv(), encoding: 'utf8', timeout: 60_000 });
  return ping.status === 0
    ? null
    : `the npm registry did not answer npm ping (${(ping.stderr || ping.stdout).trim().split('\n')[0]})`;
};

const skipReason = existsSync(join(root, 'dist/harness/cli/main.js')) ? registryProblem() : null;
if (skipReason !== null && process.env.CI === 'true') throw new Error(`partner-install cannot run: ${skipReason}`);
if (skipReason !== null) console.warn(`[partner-install] SKIPPED: ${skipReason}`);

interface Ran {
  readonly step: string;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

describe.skipIf(skipReason !== null)("a partner's first hour, from the packed tarball", () => {
  const work = mkdtempSync(join(tmpdir(), 'dc-partner-'));
  const project = join(work, 'project');
  const ran: Ran[] = [];
  let steps: PartnerStep[] = [];
  let tarball = '';

  beforeAll(() => {
    if (!existsSync(join(root, 'dist/harness/cli/main.js')))
      throw new Error('dist/ is missing: run `npm run build` first.');
    // The current dist/ as built: packing must not rebuild it under the tests that read it.
    const packs = join(work, 'packs');
    mkdirSync(packs);
    execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', packs], { cwd: root });
    tarball = join(packs, readdirSync(packs)[0] ?? '');
    mkdirSync(project);
    execFileSync('npm', ['init', '-y'], { cwd: project, env: partnerEnv(), stdio: 'ignore' });
    steps = partnerSteps(readFileSync(join(root, 'README.md'), 'utf8'));
    for (const step of steps) {
      if (step.kind === 'file') {
        mkdirSync(dirname(join(project, step.path)), { recursive: true });
        writeFileSync(join(project, step.path), step.content);
        continue;
      }
      // The one change to the README's words: the package comes from the tarball, not the registry.
      const command = /^npm (i|install)\b/.test(step.command)
        ? step.command.replace(PACKAGE, JSON.stringify(tarball))
        : step.command;
      const result = spawnSync(command, { cwd: project, shell: true, env: partnerEnv(), encoding: 'utf8' });
      ran.push({ step: step.command, status: result.status, stdout: result.stdout, stderr: result.stderr });
      if (result.status !== 0) break;
    }
  });

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('runs every README partner step with exit 0', () => {
    const commands = steps.filter((step) => step.kind === 'run').map((step) => step.command);
    expect(commands.length).toBeGreaterThanOrEqual(3);
    for (const result of ran)
      expect(result.status, `${result.step}\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`).toBe(0);
    expect(ran.map((result) => result.step)).toEqual(commands);
  });

  it('the gate test wrote a READY packet from the reference mock rehearsal', () => {
    const packet = JSON.parse(readFileSync(join(project, 'launch-packet/launch-packet.json'), 'utf8')) as {
      verdict: string;
      evidence: { source: string };
    };
    expect(packet).toMatchObject({ verdict: 'ready', evidence: { source: 'reference_mock' } });
  });

  it('the reference-mock sample ran under plain node', () => {
    expect(ran.find((result) => result.step === 'node reference-mock.mjs')?.stdout).toMatch(
      /^reference mock at http:\/\/127\.0\.0\.1:\d+$/m,
    );
  });

  it('every link of the installed README opens: a file in the installed package, a heading or an https URL', () => {
    const installed = join(project, 'node_modules', PACKAGE);
    const readme = readFileSync(join(installed, 'README.md'), 'utf8');
    const links = readmeLinks(readme);
    const path = (link: string) => link.replace(/[#?].*$/, '').replace(/\/$/, '');
    const shipped = links.map(path).filter((target) => target !== '' && existsSync(join(installed, target)));
    const problems = links
      .map((link) => unresolvedLink(link, shipped, headingAnchors(readme)))
      .filter((problem) => problem !== null);
    expect(links.length).toBeGreaterThan(10);
    expect(problems).toEqual([]);
  });

  it('mock-image build assembles a complete image context from the installed package', () => {
    const context = join(work, 'mock-image-context');
    const result = spawnSync(
      'npx',
      ['--no-install', 'dutyclaims-launch', 'mock-image', 'build', '--context-only', context, '--json'],
      {
        cwd: project,
        env: partnerEnv(),
        encoding: 'utf8',
      },
    );
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { built: boolean; dependencies: string[] };
    expect(report.built).toBe(false);
    for (const file of [
      'Dockerfile',
      'package.json',
      'dist/harness/reference-mock/main.cjs',
      'fixtures/contract/openapi.json',
    ])
      expect(existsSync(join(context, file)), file).toBe(true);
    // Installed as a partner installs, the dependencies are hoisted beside the package, not under it.
    for (const name of ['undici', 'zod', 'canonicalize'])
      expect(existsSync(join(context, 'node_modules', name, 'package.json')), name).toBe(true);
  });
});
