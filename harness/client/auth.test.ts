import { afterAll, describe, expect, it } from 'vitest';
import type { TokenResponse } from '../contract/schemas/oauth.js';
import { oauthAuthenticator, staticAuthenticator, type TokenRequestFields, tokenRefreshMarginMs } from './auth.js';
import { CallDeadline } from './deadline.js';
import type { CallMetadata, CallResult } from './metadata.js';

const meta = {} as CallMetadata;
/** A deadline far enough away never to pass during these tests. */
const deadline = new CallDeadline(60_000);
afterAll(() => deadline.clear());

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
    const [a, b] = await Promise.all([auth.current(deadline), auth.current(deadline)]);
    now = 3_000_000;
    const c = await auth.current(deadline);
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
    await auth.current(deadline);
    now = 3_600_000 - tokenRefreshMarginMs(3600);
    const renewed = await auth.current(deadline);
    expect(source.requests).toHaveLength(2);
    expect(renewed.headers.authorization).toBe('Bearer dc_oat_0000000000000002');
    expect(tokenRefreshMarginMs(3600)).toBe(60_000);
    expect(tokenRefreshMarginMs(60)).toBe(6_000);
  });

  it('fetches a new token after invalidate, but not when another call already replaced it', async () => {
    const source = tokenSource();
    const auth = oauthAuthenticator({ userAgent: 'ua', credentials: { clientId: 'c', clientSecret: 's' }, ...source });
    const first = await auth.current(deadline);
    auth.invalidate(first);
    const second = await auth.current(deadline);
    auth.invalidate(first);
    expect(await auth.current(deadline)).toBe(second);
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
    await expect(auth.current(deadline)).rejects.toThrow('token endpoint down');
    fail = false;
    expect((await auth.current(deadline)).headers.authorization).toMatch(/^Bearer dc_oat_/);
  });
});

describe('oauthAuthenticator deadlines', () => {
  it('runs the fetch under the deadline of the call that started it; a joining call stops at its own', async () => {
    const given: CallDeadline[] = [];
    let finish: (result: CallResult<TokenResponse>) => void = () => {};
    const auth = oauthAuthenticator({
      userAgent: 'ua',
      credentials: { clientId: 'c', clientSecret: 's' },
      fetchToken: (_fields, callDeadline) => {
        given.push(callDeadline);
        return new Promise((resolve) => {
          finish = resolve;
        });
      },
    });
    const short = new CallDeadline(30);
    const starter = auth.current(deadline);
    const joiner = Promise.resolve(auth.current(short)).catch((caught: unknown) => caught);

    expect(await joiner).toBe(short.reason);
    expect(given).toEqual([deadline]);
    finish({
      data: { access_token: 'dc_oat_0000000000000001', token_type: 'Bearer', expires_in: 3600, scope: 'x' },
      meta,
    });
    expect((await starter).headers.authorization).toBe('Bearer dc_oat_0000000000000001');
  });
});

describe('staticAuthenticator', () => {
  it('sends the API key as a bearer credential and reports only its prefix', async () => {
    const state = await staticAuthenticator('ua', 'dc_test_abcdefghijklmnop').current(deadline);
    expect(state.headers.authorization).toBe('Bearer dc_test_abcdefghijklmnop');
    expect(state.credentialPrefix).toBe('dc_test_abcd');
    expect((await staticAuthenticator('ua', null).current(deadline)).headers).not.toHaveProperty('authorization');
  });
});
