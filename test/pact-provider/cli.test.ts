import { describe, expect, it } from 'vitest';
import { CONTRACT_PIN } from '../../harness/contract/index.js';
import { CONSUMER_INTERACTIONS, runVerifyProviderCommand } from '../../harness/pact/index.js';
import { startReferenceMock } from '../../harness/reference-mock/index.js';
import { PACT_DIR } from '../pact/pact-dir.js';

function recorder() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) }, out, err };
}

describe('dutyclaims-launch verify-provider', () => {
  it('exits 0 after verifying the pacts against the embedded mock', async () => {
    const { io, out, err } = recorder();
    expect(await runVerifyProviderCommand(['--pact-dir', PACT_DIR], io, {})).toBe(0);
    expect(err).toEqual([]);
    expect(out[0]).toMatch(
      new RegExp(
        `^Verified ${CONSUMER_INTERACTIONS.length} interaction\\(s\\) in 1 pact\\(s\\) .* \\(contract ${CONTRACT_PIN.hash}\\)`,
      ),
    );
  });

  it('--json prints one JSON object for a pass and for a contract-hash failure', async () => {
    const passed = recorder();
    expect(await runVerifyProviderCommand(['--pact-dir', PACT_DIR, '--json'], passed.io, {})).toBe(0);
    expect(passed.out).toHaveLength(1);
    expect(JSON.parse(passed.out[0] ?? '')).toMatchObject({
      verified: true,
      interactions: CONSUMER_INTERACTIONS.length,
      providerContractHash: CONTRACT_PIN.hash,
      pacts: [expect.objectContaining({ contractHash: CONTRACT_PIN.hash })],
    });
    await using mock = await startReferenceMock({ contractHash: 'fedcba9876543210' });
    const failed = recorder();
    const args = ['--pact-dir', PACT_DIR, '--provider-base-url', mock.url, '--reference-mock', '--json'];
    expect(await runVerifyProviderCommand(args, failed.io, {})).toBe(1);
    expect(JSON.parse(failed.out[0] ?? '')).toMatchObject({
      verified: false,
      code: 'DC_ERR_CONTRACT_HASH_MISMATCH',
      pactContractHash: CONTRACT_PIN.hash,
      providerContractHash: 'fedcba9876543210',
    });
  });

  it('exits 1 and names both hashes when a reference mock serves another contract', async () => {
    await using mock = await startReferenceMock({ contractHash: 'fedcba9876543210' });
    const { io, err } = recorder();
    const code = await runVerifyProviderCommand(
      ['--pact-dir', PACT_DIR, '--provider-base-url', mock.url, '--reference-mock'],
      io,
      {},
    );
    expect(code).toBe(1);
    expect(err.join('\n')).toContain('fedcba9876543210');
    expect(err.join('\n')).toContain(CONTRACT_PIN.hash);
  });

  it('exits 1 and lists the failed interactions when the provider deviates', async () => {
    await using mock = await startReferenceMock({ deviations: { dropResponseHeaders: ['DutyClaims-Environment'] } });
    const { io, err } = recorder();
    const code = await runVerifyProviderCommand(
      ['--pact-dir', PACT_DIR, '--provider-base-url', mock.url, '--reference-mock'],
      io,
      {},
    );
    expect(code).toBe(1);
    expect(err.filter((line) => line.startsWith('  ✗ '))).toHaveLength(CONSUMER_INTERACTIONS.length);
    expect(err.join('\n')).toContain("Expected a header 'DutyClaims-Environment' but was missing");
  });
});
