import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { computeContractHash } from '../../contract/hash.js';
import { openApiPath } from '../../contract/package-root.js';
import { CONTRACT_PIN } from '../../contract/pin.js';
import { ExitCode, UsageError } from '../usage-error.js';

export const contractUsage = `Usage: dutyclaims-launch contract hash [--file openapi.json] [--json]

Prints the contract hash (first 16 hex chars of SHA-256 over the RFC 8785 canonical JSON) of the
OpenAPI document this harness ships, or of --file (e.g. the OpenAPI you downloaded for your build).`;

/** `contract hash`: prints the contract hash of the shipped or a given OpenAPI document. */
export function runContractCommand(argv: readonly string[], out: (line: string) => void): number {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { file: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean' } },
  });
  if (values.help) {
    out(contractUsage);
    return ExitCode.ok;
  }
  if (positionals[0] !== 'hash')
    throw new UsageError(`Unknown contract subcommand "${positionals[0] ?? ''}".\n\n${contractUsage}`);
  const file = values.file ? resolve(values.file) : openApiPath();
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(
      `Cannot read ${file} as JSON (${(error as Error).message}). Pass --file with an OpenAPI JSON document.`,
    );
  }
  const hash = computeContractHash(document);
  if (values.json)
    out(JSON.stringify({ hash, file, pinned: CONTRACT_PIN.hash, matchesPin: hash === CONTRACT_PIN.hash }));
  else out(hash);
  return ExitCode.ok;
}
