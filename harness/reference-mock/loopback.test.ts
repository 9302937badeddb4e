import { describe, expect, it } from 'vitest';
import { isLoopbackUrl } from './loopback.js';

describe('isLoopbackUrl', () => {
  it('accepts loopback hosts only', () => {
    for (const url of ['http://127.0.0.1:9/x', 'http://127.8.0.1/', 'http://[::1]:80/', 'https://localhost/hook'])
      expect(isLoopbackUrl(url), url).toBe(true);
    for (const url of ['https://example.com/', 'http://10.0.0.1/', 'http://127.0.0.1.nip.io/', 'not a url'])
      expect(isLoopbackUrl(url), url).toBe(false);
  });
});
