import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../harness/cli/run-cli.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * A stand-in for `docker`: records its arguments and what the build context held while it ran
 * (the command deletes the context afterwards), then exits with `code`.
 */
function fakeBuilder(code = 0) {
  const dir = mkdtempSync(join(tmpdir(), 'dc-fake-docker-'));
  const record = join(dir, 'calls.json');
  const script = join(dir, 'docker');
  writeFileSync(
    script,
    `#!/usr/bin/env node
const fs = require('node:fs');
const args = process.argv.slice(2);
const context = args[args.length - 1];
const has = (path) => fs.existsSync(require('node:path').join(context, path));
fs.writeFileSync(${JSON.stringify(record)}, JSON.stringify({ args, dockerfile: has('Dockerfile'), entry: has('dist/harness/reference-mock/main.js'), zod: has('node_modules/zod/package.json') }));
console.log('Step 1/9 : FROM base');
process.exit(${code});
`,
  );
  chmodSync(script, 0o755);
  const calls = () =>
    JSON.parse(readFileSync(record, 'utf8')) as { args: string[]; dockerfile: boolean; entry: boolean; zod: boolean };
  return { script, calls };
}

async function run(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const argAfter = (args: string[], flag: string) => args.flatMap((arg, i) => (args[i - 1] === flag ? [arg] : []));

// Each build copies the package and its dependencies into a fresh context: seconds on a busy machine.
describe('dutyclaims-launch mock-image build', { timeout: 120_000 }, () => {
  it('builds the default tags from the current Node LTS base, with a complete context', async () => {
    const builder = fakeBuilder();
    const result = await run(['mock-image', 'build', '--builder', builder.script]);
    expect(result.code).toBe(0);
    const { args, dockerfile, entry, zod } = builder.calls();
    expect(args[0]).toBe('build');
    expect(argAfter(args, '--build-arg')).toEqual(['BASE_IMAGE=node:24-slim', `VERSION=${pkg.version}`]);
    expect(argAfter(args, '--tag')).toEqual([
      `dutyclaims/reference-mock:${pkg.version}`,
      'dutyclaims/reference-mock:local',
    ]);
    expect({ dockerfile, entry, zod }).toEqual({ dockerfile: true, entry: true, zod: true });
    expect(existsSync(args[args.length - 1] ?? '')).toBe(false);
    expect(result.err).toContain('Step 1/9 : FROM base');
    expect(result.out).toMatch(/built dutyclaims\/reference-mock:.* and dutyclaims\/reference-mock:local/);
  });

  it('takes the base and image name from options, else from DUTYCLAIMS_BASE_IMAGE and DUTYCLAIMS_MOCK_IMAGE', async () => {
    const builder = fakeBuilder();
    const env = { DUTYCLAIMS_BASE_IMAGE: 'node:22-slim', DUTYCLAIMS_MOCK_IMAGE: 'registry.example/mock' };
    expect((await run(['mock-image', 'build', '--builder', builder.script], env)).code).toBe(0);
    expect(argAfter(builder.calls().args, '--build-arg')[0]).toBe('BASE_IMAGE=node:22-slim');
    expect(argAfter(builder.calls().args, '--tag')[1]).toBe('registry.example/mock:local');
    const given = ['--base', 'node:24-alpine', '--image', 'mine/mock'];
    expect((await run(['mock-image', 'build', ...given, '--builder', builder.script], env)).code).toBe(0);
    expect(argAfter(builder.calls().args, '--build-arg')[0]).toBe('BASE_IMAGE=node:24-alpine');
    expect(argAfter(builder.calls().args, '--tag')[1]).toBe('mine/mock:local');
  });

  it('prints one JSON object with --json, progress on stderr', async () => {
    const builder = fakeBuilder();
    const result = await run(['mock-image', 'build', '--json', '--builder', builder.script]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out) as { built: boolean; tags: string[]; base: string; dependencies: string[] };
    expect(report).toMatchObject({
      built: true,
      base: 'node:24-slim',
      tags: expect.arrayContaining(['dutyclaims/reference-mock:local']),
    });
    expect(report.dependencies.some((dependency) => dependency.startsWith('zod@'))).toBe(true);
  });

  it('exits 1 and says no image was tagged when the build fails', async () => {
    const result = await run(['mock-image', 'build', '--builder', fakeBuilder(3).script]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/build exited 3 .*no image was tagged/);
  });

  it('exits 2 with what to do when the builder is not installed', async () => {
    const result = await run(['mock-image', 'build', '--builder', 'no-such-docker-here']);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/"no-such-docker-here" is not installed.*--context-only DIR.*MOCK_IMAGE_ERR_NO_BUILDER/);
  });

  it('--context-only writes the context and prints the build command instead of building', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'dc-ctx-')), 'context');
    const result = await run(['mock-image', 'build', '--context-only', dir, '--base', 'node:24-slim']);
    expect(result.code).toBe(0);
    expect(existsSync(join(dir, 'Dockerfile'))).toBe(true);
    expect(existsSync(join(dir, 'dist/harness/reference-mock/main.cjs'))).toBe(true);
    expect(result.out).toContain(`docker build --file ${join(dir, 'Dockerfile')} --build-arg BASE_IMAGE=node:24-slim`);
    const again = await run(['mock-image', 'build', '--context-only', dir, '--json']);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/is not empty.*MOCK_IMAGE_ERR_CONTEXT_DIR/);
  });

  it.each([
    [['mock-image'], /subcommand is "build"/],
    [['mock-image', 'push'], /Unknown mock-image subcommand "push"/],
    [['mock-image', 'build', '--base', ''], /--base needs a value/],
    [['mock-image', 'build', '--tag', 'x'], /Unknown option '--tag'/],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
  });
});
