import { describe, expect, it } from 'vitest';
import { assertCredentialEnvironment, credentialKind, credentialPrefix, resolveCredential } from './credentials.js';
import { isClientConfigurationError, isCredentialEnvironmentError } from './errors.js';

const testKey = 'dc_test_abcdefghijklmnopqrstuvwxyz234567';
const liveKey = 'dc_live_abcdefghijklmnopqrstuvwxyz234567';
const oauth = { oauth: { clientId: 'oc_client_1', clientSecret: 'ocs_secret_value_123456' } };

const thrown = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('credential environment', () => {
  it('accepts the shapes each environment takes', () => {
    expect(() => assertCredentialEnvironment({ apiKey: testKey }, 'sandbox')).not.toThrow();
    expect(() => assertCredentialEnvironment(oauth, 'sandbox')).not.toThrow();
    expect(() => assertCredentialEnvironment({ apiKey: liveKey }, 'production')).not.toThrow();
    expect(() => assertCredentialEnvironment({ apiKey: liveKey }, undefined)).not.toThrow();
  });

  it.each([
    ['production', { apiKey: testKey }],
    ['production', oauth],
    ['sandbox', { apiKey: liveKey }],
    ['production', { apiKey: 'sk_other_provider_key' }],
  ] as const)('refuses for %s: %j', (environment, credential) => {
    const error = thrown(() => assertCredentialEnvironment(credential, environment));
    expect(isCredentialEnvironmentError(error)).toBe(true);
    if (!isCredentialEnvironmentError(error)) return;
    expect(error.code).toBe('DC_ERR_CREDENTIAL_ENVIRONMENT');
    expect(error.environment).toBe(environment);
    expect(error.message).not.toContain('abcdefghijklmnopqrstuvwxyz234567');
    expect(error.message).not.toContain('ocs_secret_value');
  });
});

describe('credential shape', () => {
  it('classifies by prefix and shows only 12 characters', () => {
    expect(credentialKind({ apiKey: testKey })).toBe('api_key_test');
    expect(credentialKind({ apiKey: liveKey })).toBe('api_key_live');
    expect(credentialKind(oauth)).toBe('oauth_client_credentials');
    expect(credentialKind({ apiKey: 'other' })).toBe('unknown');
    expect(credentialPrefix(testKey)).toBe('dc_test_abcd');
  });

  it('refuses keys that would corrupt the Authorization header, without echoing them', () => {
    const error = thrown(() => resolveCredential({ apiKey: `${testKey}\n` }));
    expect(isClientConfigurationError(error)).toBe(true);
    expect((error as Error).message).not.toContain(testKey);
    expect(isClientConfigurationError(thrown(() => resolveCredential({ apiKey: '' })))).toBe(true);
    expect(
      isClientConfigurationError(thrown(() => resolveCredential({ oauth: { clientId: 'x', clientSecret: '' } }))),
    ).toBe(true);
  });
});
