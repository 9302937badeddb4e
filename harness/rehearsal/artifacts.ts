import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HarnessConfig } from '../config/harness-config.js';
import { computeContractHash } from '../contract/hash.js';
import type { Artifact } from '../packet/schema.js';

/** Where pact files record the contract hash they were written against. */
export const PACT_METADATA_NAMESPACE = 'dutyclaims';
export const PACT_METADATA_CONTRACT_HASH = 'contractHash';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Hashes the artifacts the partner built from: the OpenAPI document and any pact files. */
export function collectArtifacts(config: HarnessConfig): Artifact[] {
  const artifacts: Artifact[] = [];
  const openApi = readFileSync(config.pin.openApiFile);
  artifacts.push({
    kind: 'openapi',
    path: config.pin.openApiFile,
    sha256: sha256(openApi),
    contractHash: computeContractHash(JSON.parse(openApi.toString('utf8'))),
  });
  if (config.pactDir) {
    for (const name of readdirSync(config.pactDir)
      .filter((file) => file.endsWith('.json'))
      .sort()) {
      const path = join(config.pactDir, name);
      const bytes = readFileSync(path);
      let contractHash: string | null = null;
      try {
        const metadata = (JSON.parse(bytes.toString('utf8')) as { metadata?: Record<string, Record<string, unknown>> })
          .metadata;
        const value = metadata?.[PACT_METADATA_NAMESPACE]?.[PACT_METADATA_CONTRACT_HASH];
        contractHash = typeof value === 'string' ? value : null;
      } catch {
        contractHash = null;
      }
      artifacts.push({ kind: 'pact', path, sha256: sha256(bytes), contractHash });
    }
  }
  return artifacts;
}
