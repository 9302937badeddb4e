import { describe, expect, it } from 'vitest';
import { parseMockEnv } from './env-config.js';

describe('parseMockEnv', () => {
  it('defaults to 127.0.0.1:4010 sandbox', () => {
    expect(parseMockEnv({})).toEqual({ ok: true, options: { host: '127.0.0.1', port: 4010, environment: 'sandbox' } });
  });

  it('reads every variable, treating empty ones as unset', () => {
    const config = parseMockEnv({
      DUTYCLAIMS_MOCK_HOST: '0.0.0.0',
      DUTYCLAIMS_MOCK_PORT: '0',
      DUTYCLAIMS_MOCK_SEED: 's1',
      DUTYCLAIMS_MOCK_ENVIRONMENT: 'production',
      DUTYCLAIMS_MOCK_UNRELATED: 'x',
    });
    expect(config).toEqual({
      ok: true,
      options: { host: '0.0.0.0', port: 0, seed: 's1', environment: 'production' },
    });
    expect(parseMockEnv({ DUTYCLAIMS_MOCK_SEED: '' })).toMatchObject({ ok: true });
  });

  it('lists every problem with the variable, its value and what is expected', () => {
    const config = parseMockEnv({ DUTYCLAIMS_MOCK_PORT: '70000', DUTYCLAIMS_MOCK_ENVIRONMENT: 'staging' });
    expect(config.ok).toBe(false);
    if (config.ok) return;
    expect(config.problems).toEqual([
      'DUTYCLAIMS_MOCK_PORT="70000": must be a port number (0-65535)',
      'DUTYCLAIMS_MOCK_ENVIRONMENT="staging": must be "sandbox" or "production"',
    ]);
  });
});
