import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { HarnessConfig } from '../config/harness-config.js';
import { contractHashOfFile } from '../contract/hash.js';
import { pactContractHash } from '../contract/pact-metadata.js';
import type { Artifact } from '../packet/schema.js';

export { PACT_METADATA_CONTRACT_HASH, PACT_METADATA_NAMESPACE } from '../contract/pact-metadata.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A path as the packet shows it: relative to where the run started when it lies below, so it reads the same on every machine. */
export const runRelativePath = (path: string, cwd: string = process.cwd()): string => {
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
};

/** Hashes the artifacts the run was pinned to: the OpenAPI document (when there is one) and any pact files. */
export function collectArtifacts(config: HarnessConfig): Artifact[] {
  const artifacts: Artifact[] = [];
  if (config.pin.openApiFile !== null) {
    const openApi = contractHashOfFile(readFileSync(config.pin.openApiFile));
    artifacts.push({ kind: 'openapi', path: runRelativePath(config.pin.openApiFile), ...openApi });
  }
  const { pactDir } = config;
  if (pactDir) {
    for (const name of readdirSync(pactDir)
      .filter((file) => file.endsWith('.json') && statSync(join(pactDir, file)).isFile())
      .sort()) {
      const path = join(pactDir, name);
      const bytes = readFileSync(path);
      artifacts.push({
        kind: 'pact',
        path: runRelativePath(path),
        sha256: sha256(bytes),
        contractHash: pactContractHash(bytes.toString('utf8')),
      });
    }
  }
  return artifacts;
}
