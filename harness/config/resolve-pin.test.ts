import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTRACT_PIN } from '../contract/pin.js';
import { isHarnessConfigError } from './errors.js';
import { loadHarnessConfig } from './load-config.js';

const sandbox = {
  DUTYCLAIMS_TARGET: 'sandbox',
  DUTYCLAIMS_BASE_URL: 'https://sandbox.dutyclaims.example',
  DUTYCLAIMS_PARTNER_ORG_ID: 'porg_x',
  DUTYCLAIMS_API_KEY: 'dc_test_x',
  DUTYCLAIMS_WEBHOOK_ENDPOINT_ID: 'we_x',
};
const problemsOf = (env: Record<string, string>): string => {
  try {
    loadHarnessConfig({ DUTYCLAIMS_OUT_DIR: mkdtempSync(join(tmpdir(), 'dc-pin-out-')), ...env });
  } catch (error) {
    if (isHarnessConfigError(error)) return error.problems.join('\n');
    throw error;
  }
  return '';
};
/** A pact directory whose files record these contract hashes (null: no metadata). */
function pactDir(...hashes: (string | null)[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'dc-pin-pacts-'));
  hashes.forEach((hash, index) => {
    const metadata = hash === null ? {} : { dutyclaims: { contractHash: hash } };
    writeFileSync(join(dir, `partner-${index}.json`), JSON.stringify({ consumer: { name: 'p' }, metadata }));
  });
  mkdirSync(join(dir, 'notes.d'));
  mkdirSync(join(dir, 'archive.json'));
  return dir;
}

describe('the contract pin on sandbox and production comes from the partner', () => {
  it('refuses to fall back to the shipped contract and says which settings pin it', () => {
    for (const target of ['sandbox', 'production']) {
      const problems = problemsOf({ ...sandbox, DUTYCLAIMS_TARGET: target });
      expect(problems).toMatch(new RegExp(`The ${target} target needs the contract your build was generated from`));
      expect(problems).toMatch(/DUTYCLAIMS_OPENAPI_FILE.*DUTYCLAIMS_PACT_DIR.*DUTYCLAIMS_CONTRACT_HASH/);
    }
  });

  it('pins to the hash the pact files record, and says so', () => {
    const dir = pactDir('0123456789abcdef', '0123456789abcdef', null);
    const config = loadHarnessConfig({ ...sandbox, DUTYCLAIMS_PACT_DIR: dir, DUTYCLAIMS_OUT_DIR: tmpdir() });
    expect(config.pin).toMatchObject({ hash: '0123456789abcdef', origin: 'partner_pact_dir', openApiFile: null });
    expect(config.pin.source).toContain(dir);
  });

  it('refuses pact files that record no hash, or different ones', () => {
    expect(problemsOf({ ...sandbox, DUTYCLAIMS_PACT_DIR: pactDir(null) })).toMatch(
      /no pact file in .* records metadata\.dutyclaims\.contractHash/,
    );
    expect(problemsOf({ ...sandbox, DUTYCLAIMS_PACT_DIR: pactDir('0123456789abcdef', 'fedcba9876543210') })).toMatch(
      /written against different contracts \(0123456789abcdef: partner-0\.json; fedcba9876543210: partner-1\.json\)/,
    );
  });

  it('prefers an explicit hash to the pact files and records where it came from', () => {
    const config = loadHarnessConfig({
      ...sandbox,
      DUTYCLAIMS_CONTRACT_HASH: CONTRACT_PIN.hash,
      DUTYCLAIMS_PACT_DIR: pactDir('0123456789abcdef'),
      DUTYCLAIMS_OUT_DIR: tmpdir(),
    });
    expect(config.pin).toMatchObject({ hash: CONTRACT_PIN.hash, origin: 'partner_contract_hash', openApiFile: null });
  });

  it('lets only the mock target use the shipped contract', () => {
    expect(loadHarnessConfig({ DUTYCLAIMS_OUT_DIR: tmpdir() }).pin.origin).toBe('shipped_contract');
    expect(
      loadHarnessConfig({ DUTYCLAIMS_OUT_DIR: tmpdir(), DUTYCLAIMS_PACT_DIR: pactDir('0123456789abcdef') }).pin,
    ).toMatchObject({ origin: 'partner_pact_dir', hash: '0123456789abcdef' });
  });
});
