import { describe, expect, it } from 'vitest';
import { isPactConfigurationError } from './errors.js';
import { resolveVerifyProviderOptions, type VerifyProviderOptions } from './verify-options.js';

const fieldOf = (options: VerifyProviderOptions): string | undefined => {
  try {
    resolveVerifyProviderOptions(options);
  } catch (error) {
    return isPactConfigurationError(error) ? error.field : 'unexpected';
  }
  return undefined;
};

describe('resolveVerifyProviderOptions', () => {
  it('defaults to the embedded mock and the pact directory of the environment', () => {
    const resolved = resolveVerifyProviderOptions({ env: { DUTYCLAIMS_PACT_DIR: 'out/pacts' } });
    expect(resolved).toMatchObject({
      provider: { kind: 'embedded-mock' },
      pacts: { kind: 'dir', dir: 'out/pacts' },
      allowMissingContractHash: false,
      publish: null,
      logLevel: 'warn',
    });
  });

  it('refuses log levels that would print credentials and secrets from replayed traffic', () => {
    expect(fieldOf({ logLevel: 'debug' as never })).toBe('logLevel');
    expect(fieldOf({ logLevel: 'trace' as never })).toBe('logLevel');
  });

  it('publishes results only for broker pacts and with a provider version', () => {
    expect(fieldOf({ publish: { providerVersion: 'abc123' } })).toBe('publish');
    expect(
      fieldOf({ pacts: { kind: 'broker', url: 'https://broker.example' }, publish: { providerVersion: ' ' } }),
    ).toBe('providerVersion');
    expect(
      fieldOf({ pacts: { kind: 'broker', url: 'https://broker.example' }, publish: { providerVersion: 'abc123' } }),
    ).toBeUndefined();
  });
});
