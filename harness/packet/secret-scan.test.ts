import { describe, expect, it } from 'vitest';
import { findSecrets, redactedPrefix, redactSecrets } from './secret-scan.js';

const apiKey = `dc_live_${'k7m2q9x4p8v3w6z1n5b0c2d4f6g8h0j2'}`;
const testKey = `dc_test_${'a'.repeat(32)}`;
const accessToken = 'dc_oat_Zq3Lm9Xw2Rt7Yp4Kd8Hs1Vb6';
const webhookSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('findSecrets', () => {
  it.each([
    ['a live API key', apiKey, 'api_key'],
    ['a sandbox API key', testKey, 'api_key'],
    ['an OAuth access token', accessToken, 'oauth_access_token'],
    ['a webhook signing secret', webhookSecret, 'webhook_secret'],
    ['an OAuth client secret', `dc_cs_${'q'.repeat(40)}`, 'oauth_client_secret'],
  ])('finds %s by its shape', (_name, secret, kind) => {
    const findings = findSecrets(`first line\nAuthorization: Bearer ${secret} was sent\n`);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind, line: 2, length: secret.length });
  });

  it('allows the short prefixes a packet is meant to show', () => {
    const text = 'credential dc_live_k7m2… (dc_test_abcd), token dc_oat_Zq3L, secret whsec_MfKQ and whsec_AbCd…';
    expect(findSecrets(text)).toEqual([]);
  });

  it('allows prose that names a credential kind', () => {
    expect(findSecrets('Use a dc_test_ key for sandbox and a dc_live_ key; whsec_ secrets rotate.')).toEqual([]);
  });

  it('catches a truncated credential that is longer than a display prefix', () => {
    expect(findSecrets(apiKey.slice(0, 26))).toHaveLength(1);
  });

  it('finds every occurrence of a known secret whatever its shape', () => {
    const clientSecret = 'cs_9fT2-ab.Q';
    const findings = findSecrets(`a ${clientSecret}\nb\nc ${clientSecret}`, [clientSecret, '']);
    expect(findings.map((finding) => [finding.kind, finding.line])).toEqual([
      ['known_secret', 1],
      ['known_secret', 3],
    ]);
  });

  it('sees through Markdown backslash escapes and HTML entities', () => {
    const known = 'p<a_ss>w&rd-42';
    expect(findSecrets('dc\\_live\\_k7m2q9x4p8v3w6z1n5b0c2d4f6g8h0j2')).toHaveLength(1);
    expect(findSecrets('whsec&#x5F;MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toHaveLength(1);
    expect(findSecrets('p&lt;a\\_ss&gt;w&amp;rd-42', [known])).toHaveLength(1);
    expect(findSecrets('dc&#95;test&#95;aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).toHaveLength(1);
  });

  it('reports one finding when a known secret also has a credential shape', () => {
    expect(findSecrets(`key ${apiKey}`, [apiKey])).toMatchObject([{ kind: 'known_secret' }]);
  });

  it('never carries more than a 12-character prefix of what it found', () => {
    const [finding] = findSecrets(`x ${apiKey} y`);
    expect(finding?.prefix).toBe('dc_live_k7m2…');
    expect(JSON.stringify(findSecrets(`x ${apiKey} ${webhookSecret}`, [apiKey]))).not.toContain(apiKey.slice(0, 14));
  });
});

describe('redactedPrefix', () => {
  it('keeps at most a third of a short secret', () => {
    expect(redactedPrefix('abcdefghi')).toBe('abc…');
    expect(redactedPrefix(webhookSecret)).toBe('whsec_MfKQ9r…');
  });
});

describe('findSecrets: anything longer than the display prefix', () => {
  it('flags half a key or secret, and allows a 12-character prefix', () => {
    expect(findSecrets('key dc_live_abcdefghijklmno here', [])).toHaveLength(1);
    expect(findSecrets('secret whsec_AbCdEfGh here', [])).toHaveLength(1);
    expect(findSecrets('token dc_oat_abcdef1 here', [])).toHaveLength(1);
    expect(findSecrets('prefixes dc_live_abcd… whsec_AbCdEf… dc_oat_abcd…', [])).toEqual([]);
  });
});

describe('redactSecrets', () => {
  it('keeps only display prefixes of known secrets and credential shapes', () => {
    const key = 'dc_live_ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    const custom = 'ocs_Hq7Vb2Nw9Xe4Rt6Yu1Io3Pa5Sd8Fg0';
    const redacted = redactSecrets(`key ${key} and ${custom} and whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2La`, [custom]);
    expect(redacted).not.toContain(key);
    expect(redacted).not.toContain(custom);
    expect(redacted).not.toContain('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2La');
    expect(redacted).toContain('dc_live_ABCD…');
    expect(findSecrets(redacted, [custom])).toEqual([]);
  });
});
