import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolvePactConsumerOptions } from './consumer-options.js';
import { isPactConfigurationError } from './errors.js';

describe('resolvePactConsumerOptions', () => {
  it('defaults to the harness consumer name and ./pacts', () => {
    expect(resolvePactConsumerOptions({ env: {} })).toEqual({
      consumer: 'dutyclaims-launch-harness',
      pactDir: resolve('pacts'),
      logLevel: 'warn',
    });
  });

  it('takes a partner consumer name and pact dir from the environment, and an option over both', () => {
    const env = { DUTYCLAIMS_PACT_CONSUMER: 'acme-erp', DUTYCLAIMS_PACT_DIR: '/tmp/acme-pacts' };
    expect(resolvePactConsumerOptions({ env })).toMatchObject({ consumer: 'acme-erp', pactDir: '/tmp/acme-pacts' });
    expect(resolvePactConsumerOptions({ env, consumer: 'globex' }).consumer).toBe('globex');
  });

  it('refuses a consumer name that cannot name a pact file, saying which setting to fix', () => {
    let error: unknown;
    try {
      resolvePactConsumerOptions({ env: { DUTYCLAIMS_PACT_CONSUMER: '../etc/passwd' } });
    } catch (caught) {
      error = caught;
    }
    expect(isPactConfigurationError(error) && error.field).toBe('DUTYCLAIMS_PACT_CONSUMER');
  });

  it('does not modify the caller options', () => {
    const options = Object.freeze({ consumer: 'acme-erp', env: Object.freeze({}) });
    expect(() => resolvePactConsumerOptions(options)).not.toThrow();
  });
});
