import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../contract/package-root.js';
import { assembleMockImageContext } from './build-context.js';

const emptyDir = () => join(mkdtempSync(join(tmpdir(), 'dc-mock-image-')), 'context');

describe('assembleMockImageContext', () => {
  it('stages what the Dockerfile copies: package.json, dist/harness, fixtures/contract, node_modules', () => {
    const dir = emptyDir();
    const context = assembleMockImageContext(packageRoot(), dir);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(manifest).sort()).toEqual(['dependencies', 'engines', 'license', 'name', 'type', 'version']);
    expect(context.version).toBe(manifest.version);
    const dockerfile = readFileSync(context.dockerfile, 'utf8');
    // Every COPY source of the shipped Dockerfile exists in the context.
    const sources = [...dockerfile.matchAll(/^COPY (\S+) /gm)].map((match) => match[1] ?? '');
    expect(sources).toEqual(['package.json', 'node_modules/', 'fixtures/contract/', 'dist/']);
    for (const source of sources) expect(existsSync(join(dir, source)), source).toBe(true);
    // The file the image runs, its bundle and the code cache the package's build wrote.
    const entry = /^ENTRYPOINT \["node", "([^"]+)"\]$/m.exec(dockerfile)?.[1] ?? '';
    expect(entry).toBe('dist/harness/reference-mock/main.cjs');
    for (const file of [
      entry,
      'dist/harness/reference-mock/main.bundle.cjs',
      'dist/harness/reference-mock/main.bundle.cjs.cache',
    ])
      expect(existsSync(join(dir, file)), file).toBe(true);
    expect(existsSync(join(dir, 'fixtures/contract/openapi.json'))).toBe(true);
    expect(existsSync(join(dir, 'dist/harness/container'))).toBe(false);
    expect(existsSync(join(dir, 'dist/harness/reference-mock/main.d.ts'))).toBe(false);
    expect(existsSync(join(dir, 'dist/harness/reference-mock/main.js.map'))).toBe(false);
    for (const name of Object.keys(manifest.dependencies as object)) {
      expect(existsSync(join(dir, 'node_modules', name, 'package.json')), name).toBe(true);
      expect(context.dependencies.some((dependency) => dependency.startsWith(`${name}@`))).toBe(true);
    }
  });

  it('refuses a package that is not built, saying how to build it', () => {
    const root = mkdtempSync(join(tmpdir(), 'dc-unbuilt-'));
    writeFileSync(join(root, 'package.json'), '{"name":"@dutyclaims/launch-harness","version":"1.0.0"}');
    expect(() => assembleMockImageContext(root, emptyDir())).toThrow(
      expect.objectContaining({ code: 'MOCK_IMAGE_ERR_NOT_BUILT', message: expect.stringMatching(/npm run build/) }),
    );
  });

  it('refuses a context directory that already holds files', () => {
    const dir = emptyDir();
    mkdirSync(dir);
    writeFileSync(join(dir, 'keep.txt'), 'mine');
    expect(() => assembleMockImageContext(packageRoot(), dir)).toThrow(
      expect.objectContaining({ code: 'MOCK_IMAGE_ERR_CONTEXT_DIR' }),
    );
    expect(readFileSync(join(dir, 'keep.txt'), 'utf8')).toBe('mine');
  });
});
