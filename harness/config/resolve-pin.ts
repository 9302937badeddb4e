import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { contractHashOfFile } from '../contract/hash.js';
import { openApiPath } from '../contract/package-root.js';
import { pactContractHash } from '../contract/pact-metadata.js';
import { CONTRACT_PIN } from '../contract/pin.js';
import type { PinOrigin } from '../packet/schema.js';
import type { HarnessEnv } from './env-schema.js';
import type { HarnessConfig } from './harness-config.js';

const isDirectory = (path: string) => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** The one contract hash the pact files in `dir` record; a problem when they record none or disagree. */
function pactDirHash(dir: string, problems: string[]): string | undefined {
  if (!isDirectory(dir)) return undefined; // checkPaths reports it
  const hashes = new Map<string, string[]>();
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.json'))) {
    if (!statSync(join(dir, name)).isFile()) continue;
    const hash = pactContractHash(readFileSync(join(dir, name), 'utf8'));
    if (hash !== null) hashes.set(hash, [...(hashes.get(hash) ?? []), name]);
  }
  if (hashes.size === 1) return [...hashes.keys()][0];
  if (hashes.size === 0)
    problems.push(
      `DUTYCLAIMS_PACT_DIR: no pact file in ${dir} records metadata.dutyclaims.contractHash, so it cannot pin the contract. Write your pacts with the harness's Pact helpers (they record it), or set DUTYCLAIMS_OPENAPI_FILE or DUTYCLAIMS_CONTRACT_HASH.`,
    );
  else
    problems.push(
      `DUTYCLAIMS_PACT_DIR: the pact files in ${dir} were written against different contracts (${[...hashes].map(([hash, names]) => `${hash}: ${names.join(', ')}`).join('; ')}). Regenerate them from one contract, or set DUTYCLAIMS_CONTRACT_HASH to the one your build uses.`,
    );
  return undefined;
}

const pin = (hash: string, origin: PinOrigin, source: string, openApiFile: string | null): HarnessConfig['pin'] => ({
  hash,
  origin,
  source,
  openApiFile,
});

/**
 * The contract hash the run compares the provider with. On sandbox and production it must come from
 * the partner's own artifacts (an explicit hash, the OpenAPI file, or the pact files), because the
 * point is to notice that those artifacts are stale; only the mock target may use the contract the
 * harness ships.
 */
export function resolvePin(env: HarnessEnv, problems: string[]): HarnessConfig['pin'] {
  const target = env.DUTYCLAIMS_TARGET;
  const openApiFile = env.DUTYCLAIMS_OPENAPI_FILE ? resolve(env.DUTYCLAIMS_OPENAPI_FILE) : null;
  let fileHash: string | undefined;
  if (openApiFile) {
    try {
      fileHash = contractHashOfFile(readFileSync(openApiFile)).contractHash;
    } catch (error) {
      problems.push(
        `DUTYCLAIMS_OPENAPI_FILE: cannot read ${openApiFile} as JSON (${(error as Error).message}). Point it at the OpenAPI document your build was generated from.`,
      );
    }
  }
  const explicit = env.DUTYCLAIMS_CONTRACT_HASH;
  if (explicit && fileHash && explicit !== fileHash) {
    problems.push(
      `DUTYCLAIMS_CONTRACT_HASH is ${explicit} but DUTYCLAIMS_OPENAPI_FILE hashes to ${fileHash}. Pin the hash of the document you actually used, or drop one of the two.`,
    );
  }
  if (explicit) return pin(explicit, 'partner_contract_hash', 'DUTYCLAIMS_CONTRACT_HASH', openApiFile);
  if (fileHash) return pin(fileHash, 'partner_openapi_file', `DUTYCLAIMS_OPENAPI_FILE (${openApiFile})`, openApiFile);
  if (openApiFile) return pin(CONTRACT_PIN.hash, 'partner_openapi_file', 'unreadable', openApiFile); // reported above
  if (env.DUTYCLAIMS_PACT_DIR) {
    const dir = resolve(env.DUTYCLAIMS_PACT_DIR);
    const hash = pactDirHash(dir, problems);
    if (hash) return pin(hash, 'partner_pact_dir', `the pact files in DUTYCLAIMS_PACT_DIR (${dir})`, null);
    return pin(CONTRACT_PIN.hash, 'partner_pact_dir', 'unusable', null); // reported above
  }
  if (target !== 'mock') {
    problems.push(
      `The ${target} target needs the contract your build was generated from, so the run can notice when your artifacts are stale: set DUTYCLAIMS_OPENAPI_FILE to that OpenAPI document, DUTYCLAIMS_PACT_DIR to your pact files (they record the contract hash), or DUTYCLAIMS_CONTRACT_HASH to the hash you pinned. Only the mock target may use the contract shipped with the harness.`,
    );
  }
  return pin(
    CONTRACT_PIN.hash,
    'shipped_contract',
    'the OpenAPI shipped with the harness (mock target only)',
    openApiPath(),
  );
}
