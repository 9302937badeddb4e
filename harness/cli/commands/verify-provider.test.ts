import { describe, expect, it } from 'vitest';
import { runVerifyProviderCommand } from './verify-provider.js';

async function run(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runVerifyProviderCommand(
    argv,
    { out: (line) => out.push(line), err: (line) => err.push(line) },
    env,
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('runVerifyProviderCommand: usage and configuration', () => {
  it('prints the usage with --help and exits 0', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('--provider-base-url URL');
    expect(out).toContain('DUTYCLAIMS_API_KEY');
  });

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--pact-dir', 'a', '--broker-url', 'https://broker.example'], /Give one pact source/],
    [['--provider-base-url', 'https://api.example'], /Set DUTYCLAIMS_API_KEY/],
    [['--embedded-mock', '--provider-base-url', 'https://api.example'], /cannot be combined/],
    [['--broker-url', 'https://b.example', '--consumer-version-selector', '{mainBranch:true}'], /is not JSON/],
    [
      ['--broker-url', 'https://b.example', '--consumer-version-selector', '{"mainBrunch":true}'],
      /is not a consumer version selector/,
    ],
    [['--broker-url', 'https://b.example', '--publish-verification-results'], /needs --provider-version/],
    [['--enable-pending'], /need --broker-url/],
    [['--log-level', 'debug'], /would log credentials/],
  ])('exits 2 for %j, saying what to fix', async (argv, message) => {
    const { code, err } = await run(argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  it('exits 2 when the pact directory is empty, saying how to produce pacts', async () => {
    const { code, err } = await run(['--pact-dir', '/nonexistent-pacts-dir']);
    expect(code).toBe(2);
    expect(err).toContain('npm run test:pact');
  });

  it('exits 2 for a --pact-url file that cannot be read', async () => {
    const { code, err } = await run(['--pact-url', '/nonexistent/acme-erp-DutyClaims.json']);
    expect(code).toBe(2);
    expect(err).toContain('Cannot read the pact file /nonexistent/acme-erp-DutyClaims.json');
  });

  it('never prints the credentials it reads from the environment', async () => {
    const apiKey = 'dc_live_secretsecretsecretsecretsecret00';
    const { code, out, err } = await run(
      ['--provider-base-url', 'http://127.0.0.1:9', '--pact-dir', '/nonexistent-pacts-dir'],
      {
        DUTYCLAIMS_API_KEY: apiKey,
      },
    );
    expect(code).toBe(2);
    expect(`${out}${err}`).not.toContain(apiKey);
  });
});
