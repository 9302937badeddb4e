import { describe, expect, it } from 'vitest';
import { parseMockEnv as parseEnv } from './env-config.js';

const TOKEN = 'control-token-0123456789';
/** The container requires a control token: these tests give one unless they test its absence. */
const parseMockEnv = (env: Record<string, string>) => parseEnv({ DUTYCLAIMS_MOCK_CONTROL_TOKEN: TOKEN, ...env });

describe('parseMockEnv', () => {
  it('defaults to 127.0.0.1:4010 sandbox', () => {
    expect(parseMockEnv({})).toEqual({
      ok: true,
      options: { host: '127.0.0.1', port: 4010, environment: 'sandbox', controlToken: TOKEN },
    });
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
      options: { host: '0.0.0.0', port: 0, seed: 's1', environment: 'production', controlToken: TOKEN },
    });
    expect(parseMockEnv({ DUTYCLAIMS_MOCK_SEED: '' })).toMatchObject({ ok: true });
  });

  it('reads the non-loopback opt-in as 1/true or 0/false', () => {
    const allow = (value: string) => parseMockEnv({ DUTYCLAIMS_MOCK_ALLOW_NON_LOOPBACK_HOST: value });
    expect(allow('1')).toMatchObject({ ok: true, options: { allowNonLoopbackHost: true } });
    expect(allow('true')).toMatchObject({ ok: true, options: { allowNonLoopbackHost: true } });
    for (const off of ['0', 'false', ''])
      expect(allow(off)).toMatchObject({ ok: true, options: { host: '127.0.0.1' } });
    expect(allow('0')).not.toHaveProperty('options.allowNonLoopbackHost');
    expect(allow('yes')).toEqual({
      ok: false,
      problems: [
        'DUTYCLAIMS_MOCK_ALLOW_NON_LOOPBACK_HOST="yes": must be 1 (or true) to allow a non-loopback host, 0 (or false) not to',
      ],
    });
  });

  it('requires a control token unless explicitly run without one', () => {
    const missing = parseEnv({});
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.problems[0]).toMatch(/DUTYCLAIMS_MOCK_CONTROL_TOKEN is not set/);
    expect(parseEnv({ DUTYCLAIMS_MOCK_ALLOW_UNAUTHENTICATED_CONTROL: '1' })).toMatchObject({
      ok: true,
      options: { allowUnauthenticatedControl: true },
    });
    expect(parseEnv({ DUTYCLAIMS_MOCK_CONTROL_TOKEN: 'short' })).toMatchObject({ ok: false });
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

  it('reads the per-key rate limit as requests per minute, and refuses anything but a positive whole number', () => {
    expect(parseMockEnv({})).not.toHaveProperty('options.rateLimitPerMinute');
    expect(parseMockEnv({ DUTYCLAIMS_MOCK_RATE_LIMIT: '250000' })).toMatchObject({
      ok: true,
      options: { rateLimitPerMinute: 250_000 },
    });
    for (const bad of ['0', '-5', '1.5', '1e6', 'many', '1000000000'])
      expect(parseMockEnv({ DUTYCLAIMS_MOCK_RATE_LIMIT: bad })).toEqual({
        ok: false,
        problems: [
          `DUTYCLAIMS_MOCK_RATE_LIMIT=${JSON.stringify(bad)}: must be a whole number of requests per minute per key, 1-999999999 (default 1000)`,
        ],
      });
  });
});
