import { describe, expect, it } from 'vitest';
import { checkTimestamp, requireSecrets } from './checks.js';
import { isWebhookVerificationError } from './errors.js';

const codeOf = (run: () => unknown) => {
  try {
    run();
    return 'accepted';
  } catch (error) {
    return isWebhookVerificationError(error) ? error.code : (error as Error).name;
  }
};

describe('the checks every signature scheme shares', () => {
  const signedAt = 1_767_225_600;
  const at = (seconds: number) => () => seconds * 1000;

  it('bounds the timestamp on both sides, inclusive of the tolerance', () => {
    expect(codeOf(() => checkTimestamp(signedAt, 300, at(signedAt + 300)))).toBe('accepted');
    expect(codeOf(() => checkTimestamp(signedAt, 300, at(signedAt + 301)))).toBe('WEBHOOK_TIMESTAMP_TOO_OLD');
    expect(codeOf(() => checkTimestamp(signedAt, 0, at(signedAt - 1)))).toBe('WEBHOOK_TIMESTAMP_IN_FUTURE');
  });

  it('refuses a tolerance or a clock that would disable the check', () => {
    for (const tolerance of [Number.NaN, Number.POSITIVE_INFINITY, -5]) {
      expect(codeOf(() => checkTimestamp(1, tolerance, at(signedAt)))).toBe('RangeError');
    }
    expect(codeOf(() => checkTimestamp(1, 300, () => Number.NaN))).toBe('RangeError');
  });

  it('refuses no secret and empty secrets', () => {
    expect(codeOf(() => requireSecrets([]))).toBe('WEBHOOK_NO_SECRET');
    expect(codeOf(() => requireSecrets(['']))).toBe('WEBHOOK_NO_SECRET');
    expect(requireSecrets(['whsec_x'])).toEqual(['whsec_x']);
  });
});
