import { describe, expect, it } from 'vitest';
import type { TokenResponse } from '../contract/schemas/oauth.js';
import { oauthAuthenticator, staticAuthenticator, type TokenRequestFields, tokenRefreshMarginMs } from './auth.js';
import type { CallMetadata, CallResult } from './metadata.js';

const meta = {} as CallMetadata;

function tokenSource(expiresIn = 3600) {
  const requests: TokenRequestFields[] = [];
  let issued = 0;
  const fetchToken = async (fields: TokenRequestFields): Promise<CallResult<TokenResponse>> => {
    requests.push(fields);
    issued += 1;
    await new Promise((resolve) => setImmediate(resolve));
    const access_token = `dc_oat_${String(issued).padStart(16, '0')}`;
    return { data: { access_token, token_type: 'Bearer', expires_in: expiresIn, scope: 'claims:read' }, meta };
  };
  return { requests, fetchToken };
}

describe('oauthAuthenticator', () => {
  it('fetches one token for concurrent calls and caches it', async () => {
    const source = tokenSource();
    let now = 0;
    const auth = oauthAuthenticator({
      userAgent: 'ua',
      credentials: { clientId: 'client-1', clientSecret: 'secret-1', scope: 'claims:read' },
      fetchToken: source.fetchToken,
      now: () => now,
    });
    const [a, b] = await Promise.all([auth.current(), auth.current()]);
    now = 3_000_000;
    const c = await auth.current();
    expect(source.requests).toEqual([
      { grant_type: 'client_credentials', client_id: 'client-1', client_secret: 'secret-1', scope: 'claims:read' },
    ]);
    expect(a).toBe(b);
    expect(c).toBe(a);
    expect(a.headers.authorization).toBe('Bearer dc_oat_0000000000000001');
    expect(a.credentialPrefix).toBe('dc_oat_00000');
  });

  it('replaces the token shortly before it expires', async () => {
    const source = tokenSource(3600);
    let now = 0;
    const auth = oauthAuthenticator({
      userAgent: 'ua',
      credentials: { clientId: 'c', clientSecret: 's' },
      fetchToken: source.fetchToken,
      now: () => now,
    });
    await auth.current();
    now = 3_600_000 - tokenRefreshMarginMs(3600);
    const renewed = await auth.current();
    expect(source.requests).toHaveLength(2);
    expect(renewed.headers.authorization).toBe('Bearer dc_oat_0000000000000002');
    expect(tokenRefreshMarginMs(3600)).toBe(60_000);
    expect(tokenRefreshMarginMs(60)).toBe(6_000);
  });

  it('fetches a new token after invalidate, but not when another call already replaced it', async () => {
    const source = tokenSource();
    const auth = oauthAuthenticator({ userAgent: 'ua', credentials: { clientId: 'c', clientSecret: 's' }, ...source });
    const first = await auth.current();
    auth.invalidate(first);
    const second = await auth.current();
    auth.invalidate(first);
    expect(await auth.current()).toBe(second);
    expect(source.requests).toHaveLength(2);
  });

  it('lets the next call try again when a token fetch fails', async () => {
    let fail = true;
    const source = tokenSource();
    const auth = oauthAuthenticator({
      userAgent: 'ua',
      credentials: { clientId: 'c', clientSecret: 's' },
      fetchToken: (fields) => (fail ? Promise.reject(new Error('token endpoint down')) : source.fetchToken(fields)),
    });
    await expect(auth.current()).rejects.toThrow('token endpoint down');
    fail = false;
    expect((await auth.current()).headers.authorization).toMatch(/^Bearer dc_oat_/);
  });
});

describe('staticAuthenticator', () => {
  it('sends the API key as a bearer credential and reports only its prefix', async () => {
    const state = await staticAuthenticator('ua', 'dc_test_abcdefghijklmnop').current();
    expect(state.headers.authorization).toBe('Bearer dc_test_abcdefghijklmnop');
    expect(state.credentialPrefix).toBe('dc_test_abcd');
    expect((await staticAuthenticator('ua', null).current()).headers).not.toHaveProperty('authorization');
  });
});
