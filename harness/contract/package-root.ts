import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = '@dutyclaims/launch-harness';
let cached: string | undefined;

/** The installed package's root directory, found from this module's location (source or dist). */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME
    ) {
      cached = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`Cannot find the ${PACKAGE_NAME} package root above ${fileURLToPath(import.meta.url)}.`);
    dir = parent;
  }
}

let cachedVersion: string | undefined;

/** The installed package's version, from its package.json. */
export function packageVersion(): string {
  cachedVersion ??= (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string })
    .version;
  return cachedVersion;
}

/** Absolute path of the committed OpenAPI document. */
export const openApiPath = (): string => join(packageRoot(), 'fixtures', 'contract', 'openapi.json');
