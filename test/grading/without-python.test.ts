import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VITEST = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
// Every test file that runs python3.
const PYTHON_TESTS = [
  'harness/grading/webhook-receiver/bodies.test.ts',
  'test/grading/webhook-receiver-python.test.ts',
  'test/grading/client-python.test.ts',
  'test/grading/client-suite.test.ts',
  'test/grading/client.test.ts',
  'test/grading/client-cli.test.ts',
];

/**
 * A directory of links to every program on PATH except Python: a machine without Python, where
 * `sh`, `sleep` and `node` still work.
 */
async function pathWithoutPython(dir: string): Promise<string> {
  const linked = new Set<string>();
  for (const entry of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const names = await readdir(entry).catch(() => [] as string[]);
    for (const name of names) {
      if (/^python/i.test(name) || linked.has(name)) continue;
      linked.add(name);
      await symlink(join(entry, name), join(dir, name)).catch(() => undefined);
    }
  }
  return dir;
}

describe('the grading tests on a machine without Python', () => {
  it('skip what needs python3, saying why, and still pass', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'no-python-path-'));
    try {
      const result = await promisify(execFile)(
        process.execPath,
        [VITEST, 'run', '--project', 'unit', '--reporter', 'verbose', ...PYTHON_TESTS],
        {
          cwd: ROOT,
          env: { ...process.env, PATH: await pathWithoutPython(dir), NO_COLOR: '1' },
          maxBuffer: 16 * 1024 * 1024,
        },
      ).catch((error: { code?: number; stdout?: string; stderr?: string }) => ({
        failed: error.code,
        stdout: error.stdout ?? '',
        stderr: error.stderr ?? '',
      }));
      const output = `${result.stdout}\n${result.stderr}`;
      expect('failed' in result ? result.failed : 0, output).toBe(0);
      expect(output).toContain('[skipped: python3 is not on PATH]');
      expect(output).toContain('Skipping the tests that run the Python examples: python3 is not on PATH');
      expect(output).toMatch(/Tests\s+\d+ passed \| \d+ skipped/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
