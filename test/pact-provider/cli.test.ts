import { describe, expect, it } from 'vitest';
import { CONTRACT_PIN } from '../../harness/contract/index.js';
import { CONSUMER_INTERACTIONS } from '../../harness/pact/index.js';
import { startReferenceMock } from '../../harness/reference-mock/index.js';
import { PACT_DIR } from '../pact/pact-dir.js';
import { runVerifyProviderCaptured } from './support/captured-verification.js';

describe('dutyclaims-launch verify-provider', () => {
  it('exits 0 after verifying the pacts against the embedded mock', async () => {
    const { code, out, err } = await runVerifyProviderCaptured(['--pact-dir', PACT_DIR]);
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out[0]).toMatch(
      new RegExp(
        `^Verified ${CONSUMER_INTERACTIONS.length} interaction\\(s\\) in 1 pact\\(s\\) .* \\(contract ${CONTRACT_PIN.hash}\\)`,
      ),
    );
  });

  // A pass with --json, from a shell: cli-json-stdout.test.ts.
  it('--json prints one JSON object for a contract-hash failure', async () => {
    await using mock = await startReferenceMock({ contractHash: 'fedcba9876543210' });
    const args = ['--pact-dir', PACT_DIR, '--provider-base-url', mock.url, '--reference-mock', '--json'];
    const failed = await runVerifyProviderCaptured(args);
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.out[0] ?? '')).toMatchObject({
      verified: false,
      code: 'DC_ERR_CONTRACT_HASH_MISMATCH',
      pactContractHash: CONTRACT_PIN.hash,
      providerContractHash: 'fedcba9876543210',
    });
  });

  it('exits 1 and names both hashes when a reference mock serves another contract', async () => {
    await using mock = await startReferenceMock({ contractHash: 'fedcba9876543210' });
    const { code, err } = await runVerifyProviderCaptured([
      '--pact-dir',
      PACT_DIR,
      '--provider-base-url',
      mock.url,
      '--reference-mock',
    ]);
    expect(code).toBe(1);
    expect(err.join('\n')).toContain('fedcba9876543210');
    expect(err.join('\n')).toContain(CONTRACT_PIN.hash);
  });

  it('exits 1 and lists the failed interactions when the provider deviates', async () => {
    await using mock = await startReferenceMock({ deviations: { dropResponseHeaders: ['DutyClaims-Environment'] } });
    const { code, err, verifierOutput } = await runVerifyProviderCaptured([
      '--pact-dir',
      PACT_DIR,
      '--provider-base-url',
      mock.url,
      '--reference-mock',
    ]);
    expect(code).toBe(1);
    // The verifier's own report went to the test's buffer (printed only if this test fails).
    expect(verifierOutput).toContain(`There were ${CONSUMER_INTERACTIONS.length} pact failures`);
    expect(err.filter((line) => line.startsWith('  ✗ '))).toHaveLength(CONSUMER_INTERACTIONS.length);
    expect(err.join('\n')).toContain("Expected a header 'DutyClaims-Environment' but was missing");
  });
});
