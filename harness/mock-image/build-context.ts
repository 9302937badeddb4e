import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { MockImageError } from './errors.js';
import { copyProductionDependencies } from './production-dependencies.js';

/** What `assembleMockImageContext` put into the build context. */
export interface MockImageContext {
  readonly dir: string;
  readonly dockerfile: string;
  /** The package version the image is labelled and tagged with. */
  readonly version: string;
  /** The production dependencies copied into the image, as `name@version`. */
  readonly dependencies: readonly string[];
}

// The entry docker/Dockerfile runs.
const MOCK_ENTRY = join('dist', 'harness', 'reference-mock', 'main.cjs');

/** Only JavaScript runs in the image; harness/container drives Docker from a test process instead. */
const keepCompiled = (source: string, distHarness: string) => {
  const rel = relative(distHarness, source);
  if (rel.split(sep)[0] === 'container') return false;
  return !/\.(d\.ts|map)$|\.test\./.test(basename(source));
};

/**
 * Writes the reference mock's image build context into `dir` (absent or empty) from an installed
 * package at `packageRoot`: its Dockerfile, a trimmed package.json, the compiled `dist/harness`,
 * `fixtures/contract` and the production dependencies as installed. Needs no clone and no registry.
 */
export function assembleMockImageContext(packageRoot: string, dir: string): MockImageContext {
  if (!existsSync(join(packageRoot, MOCK_ENTRY)))
    throw new MockImageError(
      'MOCK_IMAGE_ERR_NOT_BUILT',
      `${join(packageRoot, MOCK_ENTRY)} is missing: the package is not built. In a clone, run \`npm run build\` (or \`npm run mock:image\`); an installed package ships it.`,
    );
  if (existsSync(dir) && readdirSync(dir).length > 0)
    throw new MockImageError(
      'MOCK_IMAGE_ERR_CONTEXT_DIR',
      `${dir} is not empty. Give an empty or new directory for the build context.`,
    );
  const manifest = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as Record<string, unknown> & {
    version: string;
  };
  mkdirSync(join(dir, 'dist'), { recursive: true });
  // Only what Node and the package-root lookup need inside the image.
  const keep = ['name', 'version', 'type', 'license', 'engines', 'dependencies'];
  const trimmed = Object.fromEntries(keep.filter((key) => key in manifest).map((key) => [key, manifest[key]]));
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(trimmed, null, 2)}\n`);
  const distHarness = join(packageRoot, 'dist', 'harness');
  cpSync(distHarness, join(dir, 'dist', 'harness'), {
    recursive: true,
    filter: (source) => keepCompiled(source, distHarness),
  });
  cpSync(join(packageRoot, 'fixtures', 'contract'), join(dir, 'fixtures', 'contract'), { recursive: true });
  const dockerfile = join(dir, 'Dockerfile');
  cpSync(join(packageRoot, 'docker', 'Dockerfile'), dockerfile);
  const dependencies = copyProductionDependencies(packageRoot, dir);
  return { dir, dockerfile, version: manifest.version, dependencies };
}
