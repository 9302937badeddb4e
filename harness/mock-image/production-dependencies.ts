import { cpSync, existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { MockImageError } from './errors.js';

interface Manifest {
  readonly name?: string;
  readonly version?: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
}

const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

/** Node's lookup: `<dir>/node_modules/<name>`, then the same in every parent directory. */
export function findPackageDir(name: string, fromDir: string): string | null {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

/** What the image does not need from a dependency: its types, maps, docs and nested installs. */
const keepInImage = (source: string, packageDir: string) => {
  const rel = relative(packageDir, source);
  if (rel.split(sep).includes('node_modules')) return false;
  return !/\.(d\.ts|d\.cts|d\.mts|map|md)$/.test(basename(source));
};

/**
 * Copies the production dependencies of the package at `packageDir` (and theirs, transitively) from
 * wherever Node would load them (the package's own node_modules, or a hoisted one above it) into
 * `<targetRoot>/node_modules`, nesting a second version under its dependent as npm does. No
 * registry access: what runs in the image is what the partner installed.
 * @returns the copied packages as `name@version`, sorted.
 */
export function copyProductionDependencies(packageDir: string, targetRoot: string): string[] {
  // Where each top-level slot came from, so a second version of a name goes under its dependent.
  const placed = new Map<string, string>();
  const copied: string[] = [];
  const visit = (ownerDir: string, ownerTarget: string, manifest: Manifest) => {
    const required = Object.keys(manifest.dependencies ?? {});
    const optional = Object.keys(manifest.optionalDependencies ?? {});
    for (const name of [...required, ...optional]) {
      const sourceDir = findPackageDir(name, ownerDir);
      if (sourceDir === null) {
        if (optional.includes(name)) continue;
        throw new MockImageError(
          'MOCK_IMAGE_ERR_DEPENDENCY',
          `Cannot find ${name} (a dependency of ${manifest.name ?? ownerDir}) in any node_modules above ${ownerDir}. Reinstall the harness (npm i -D @dutyclaims/launch-harness) and try again.`,
        );
      }
      const topSlot = join(targetRoot, 'node_modules', name);
      const slotSource = placed.get(topSlot);
      if (slotSource === sourceDir) continue;
      const target = slotSource === undefined ? topSlot : join(ownerTarget, 'node_modules', name);
      if (placed.get(target) === sourceDir) continue;
      placed.set(target, sourceDir);
      cpSync(sourceDir, target, {
        recursive: true,
        dereference: true,
        filter: (source) => keepInImage(source, sourceDir),
      });
      const dependency = readManifest(sourceDir);
      copied.push(`${dependency.name ?? name}@${dependency.version ?? '?'}`);
      visit(sourceDir, target, dependency);
    }
  };
  visit(packageDir, targetRoot, readManifest(packageDir));
  return [...new Set(copied)].sort();
}
