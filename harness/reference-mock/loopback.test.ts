import { describe, expect, it } from 'vitest';
import { isLoopbackHost, isLoopbackUrl } from './loopback.js';

describe('isLoopbackUrl', () => {
  it('accepts loopback hosts only', () => {
    for (const url of ['http://127.0.0.1:9/x', 'http://127.8.0.1/', 'http://[::1]:80/', 'https://localhost/hook'])
      expect(isLoopbackUrl(url), url).toBe(true);
    for (const url of ['https://example.com/', 'http://10.0.0.1/', 'http://127.0.0.1.nip.io/', 'not a url'])
      expect(isLoopbackUrl(url), url).toBe(false);
  });
});

describe('isLoopbackHost', () => {
  it('accepts addresses only this machine can reach, in any spelling', () => {
    for (const host of [
      '127.0.0.1',
      '127.8.0.1',
      'localhost',
      'LocalHost',
      '::1',
      '[::1]',
      '0:0:0:0:0:0:0:1',
      '::ffff:127.0.0.1',
    ])
      expect(isLoopbackHost(host), host).toBe(true);
  });

  it('refuses wildcards, other interfaces and names', () => {
    for (const host of [
      '0.0.0.0',
      '::',
      '[::]',
      '10.0.0.1',
      '192.168.1.20',
      '::ffff:10.0.0.1',
      'fe80::1',
      'example.com',
      '127.0.0.1.nip.io',
    ])
      expect(isLoopbackHost(host), host).toBe(false);
  });
});
