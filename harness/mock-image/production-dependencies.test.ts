import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyProductionDependencies } from './production-dependencies.js';

/** Writes a package with a manifest and one module into `dir`. */
function writePackage(dir: string, manifest: Record<string, unknown>) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'index.js'), `export const name = ${JSON.stringify(manifest.name)};\n`);
  writeFileSync(join(dir, 'index.d.ts'), 'export declare const name: string;\n');
}

/** A partner's install: the harness under node_modules, its dependencies hoisted beside it or nested. */
function partnerInstall() {
  const project = mkdtempSync(join(tmpdir(), 'dc-deps-'));
  const modules = join(project, 'node_modules');
  const harness = join(modules, '@dutyclaims', 'launch-harness');
  writePackage(harness, {
    name: '@dutyclaims/launch-harness',
    version: '1.0.0',
    dependencies: { a: '1', b: '1' },
    optionalDependencies: { 'not-installed': '1' },
  });
  writePackage(join(modules, 'a'), { name: 'a', version: '1.0.0', dependencies: { c: '1' } });
  writePackage(join(modules, 'c'), { name: 'c', version: '1.0.0' });
  writePackage(join(modules, 'b'), { name: 'b', version: '1.0.0', dependencies: { c: '2' } });
  writePackage(join(modules, 'b', 'node_modules', 'c'), { name: 'c', version: '2.0.0' });
  writePackage(join(modules, 'dev-only'), { name: 'dev-only', version: '1.0.0' });
  return { harness, modules };
}

const versionAt = (dir: string) =>
  (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;

describe('copyProductionDependencies', () => {
  it('copies hoisted dependencies flat and nests a second version under its dependent', () => {
    const { harness } = partnerInstall();
    const target = mkdtempSync(join(tmpdir(), 'dc-context-'));
    expect(copyProductionDependencies(harness, target)).toEqual(['a@1.0.0', 'b@1.0.0', 'c@1.0.0', 'c@2.0.0']);
    expect(versionAt(join(target, 'node_modules', 'c'))).toBe('1.0.0');
    expect(versionAt(join(target, 'node_modules', 'b', 'node_modules', 'c'))).toBe('2.0.0');
    expect(existsSync(join(target, 'node_modules', 'dev-only'))).toBe(false);
    expect(existsSync(join(target, 'node_modules', 'a', 'index.js'))).toBe(true);
    expect(existsSync(join(target, 'node_modules', 'a', 'index.d.ts'))).toBe(false);
  });

  it('names a missing required dependency and what to do', () => {
    const { harness, modules } = partnerInstall();
    writePackage(join(modules, 'a'), { name: 'a', version: '1.0.0', dependencies: { gone: '1' } });
    const target = mkdtempSync(join(tmpdir(), 'dc-context-'));
    expect(() => copyProductionDependencies(harness, target)).toThrow(
      expect.objectContaining({
        name: 'MockImageError',
        code: 'MOCK_IMAGE_ERR_DEPENDENCY',
        message: expect.stringMatching(/Cannot find gone \(a dependency of a\).*Reinstall/),
      }),
    );
  });
});
