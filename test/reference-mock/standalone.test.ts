import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runStandaloneMock } from '../../harness/reference-mock/index.js';
import { call } from './support/http.js';

const MAIN = fileURLToPath(new URL('../../harness/reference-mock/main.ts', import.meta.url));

// A process that boots tsx can take many seconds on a busy 2-core machine: the kill timer is only a
// safety net for a regression that keeps serving, never a limit a healthy run can reach.
const SPAWN_LIMIT_MS = 90_000;

const CONTROL_TOKEN = 'control-token-0123456789';

/** Runs main.ts with tsx; resolves with its output and exit code. `onLine` may act on a running process. */
function runMain(env: Record<string, string>, onLine?: (line: string, kill: () => void) => void) {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, DUTYCLAIMS_MOCK_CONTROL_TOKEN: CONTROL_TOKEN, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const line of chunk.toString().split('\n')) if (line) onLine?.(line, () => child.kill('SIGTERM'));
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  // A run that should have stopped but serves (a regression) must not outlive the test.
  const timer = setTimeout(() => child.kill('SIGKILL'), SPAWN_LIMIT_MS);
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

describe('runStandaloneMock', () => {
  it('prints the URL and only prefixes of the seeded credentials, serves, and closes', async () => {
    const lines: string[] = [];
    const handle = await runStandaloneMock({
      port: 0,
      seed: 'dev',
      log: (line) => lines.push(line),
      handleSignals: false,
    });
    expect(lines[0]).toBe(`reference mock listening on ${handle.url}`);
    const { sandbox } = handle.mock.personas;
    for (const secret of [sandbox.apiKey, sandbox.readOnlyApiKey, sandbox.oauthClient.clientSecret]) {
      expect(lines.join('\n')).not.toContain(secret);
      expect(lines.join('\n')).toContain(`${secret.slice(0, 12)}…`);
    }
    expect(lines).toContain(`  full values:         GET ${handle.url}/_mock/personas`);
    expect((await call(handle.url, 'GET', '/health')).status).toBe(200);
    await handle.close();
    await handle.closed;
    await expect(call(handle.url, 'GET', '/health')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('prints the full credentials only when asked, and none at all with credentials: none', async () => {
    for (const credentials of ['full', 'none'] as const) {
      const lines: string[] = [];
      await using handle = await runStandaloneMock({
        port: 0,
        credentials,
        log: (line) => lines.push(line),
        handleSignals: false,
      });
      const { apiKey, oauthClient } = handle.mock.personas.sandbox;
      if (credentials === 'full') {
        expect(lines.join('\n')).toContain(apiKey);
        expect(lines.join('\n')).toContain(oauthClient.clientSecret);
      } else expect(lines).toEqual([`reference mock listening on ${handle.url}`]);
    }
  });

  it('closes on SIGTERM when it handles signals', async () => {
    const listenersBefore = process.listenerCount('SIGTERM');
    const handle = await runStandaloneMock({ port: 0, log: () => undefined });
    expect(process.listenerCount('SIGTERM')).toBe(listenersBefore + 1);
    process.emit('SIGTERM');
    await handle.closed;
    await expect(call(handle.url, 'GET', '/health')).rejects.toThrow(/ECONNREFUSED/);
    expect(process.listenerCount('SIGTERM')).toBe(listenersBefore);
  });
});

describe('runStandaloneMock rate limit', () => {
  /** Sends `count` authenticated reads; returns their statuses and the last X-RateLimit-Limit. */
  const burst = async (rateLimitPerMinute: number | undefined, count: number) => {
    await using handle = await runStandaloneMock({
      port: 0,
      log: () => undefined,
      handleSignals: false,
      ...(rateLimitPerMinute === undefined ? {} : { rateLimitPerMinute }),
    });
    const token = handle.mock.personas.sandbox.apiKey;
    const statuses: number[] = [];
    let limit = '';
    for (let i = 0; i < count; i++) {
      const response = await call(handle.url, 'GET', '/v1/claims/clm_aaaaaaaaaaaaaaaaaaaa/status', { token });
      statuses.push(response.status);
      limit = response.headers['x-ratelimit-limit'] ?? '';
    }
    return { statuses, limit };
  };

  it('keeps the strict 1,000 per minute per key by default', async () => {
    expect(await burst(undefined, 1)).toEqual({ statuses: [404], limit: '1000' });
  });

  it('applies rateLimitPerMinute per key: the request past it is 429 rate_limited', async () => {
    expect(await burst(3, 4)).toEqual({ statuses: [404, 404, 404, 429], limit: '3' });
  });
});

describe('main.ts (container entry)', { timeout: SPAWN_LIMIT_MS + 30_000 }, () => {
  it('logs one ready line, serves, and exits 0 on SIGTERM', async () => {
    let url = '';
    const result = await runMain({ DUTYCLAIMS_MOCK_PORT: '0', DUTYCLAIMS_MOCK_SEED: 'container' }, (line, kill) => {
      const match = /^reference mock listening on (http:\/\/\S+)$/.exec(line);
      if (!match?.[1]) return;
      url = match[1];
      const authorization = `Bearer ${CONTROL_TOKEN}`;
      void Promise.all([
        call(url, 'GET', '/_mock/personas'),
        call(url, 'GET', '/_mock/personas', { headers: { authorization } }),
      ]).then(([refused, personas]) => {
        expect(refused.status).toBe(401); // the container requires its control token
        expect(personas.json.seed).toBe('container');
        kill();
      });
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(result.stdout.trim().split('\n')).toEqual([`reference mock listening on ${url}`]);
    expect(result.code).toBe(0);
  });

  it('refuses a non-loopback host (exit 2) unless DUTYCLAIMS_MOCK_ALLOW_NON_LOOPBACK_HOST=1', async () => {
    const refused = await runMain({ DUTYCLAIMS_MOCK_HOST: '0.0.0.0', DUTYCLAIMS_MOCK_PORT: '0' });
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/not a loopback address/);
    expect(refused.stderr).toContain('DUTYCLAIMS_MOCK_ALLOW_NON_LOOPBACK_HOST=1');
    // Allowed, it tries to listen: 192.0.2.1 (TEST-NET-1) is on no interface here, so nothing is exposed.
    const allowed = await runMain({
      DUTYCLAIMS_MOCK_HOST: '192.0.2.1',
      DUTYCLAIMS_MOCK_PORT: '0',
      DUTYCLAIMS_MOCK_ALLOW_NON_LOOPBACK_HOST: '1',
    });
    expect(allowed.code).toBe(1);
    expect(allowed.stderr).toMatch(/could not listen on 192\.0\.2\.1:0/);
  });

  it('exits 2 with every invalid variable and what to fix', async () => {
    const result = await runMain({
      DUTYCLAIMS_MOCK_PORT: 'http',
      DUTYCLAIMS_MOCK_ENVIRONMENT: 'live',
      DUTYCLAIMS_MOCK_RATE_LIMIT: 'unlimited',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DUTYCLAIMS_MOCK_RATE_LIMIT="unlimited": must be a whole number of requests');
    expect(result.stderr).toContain('DUTYCLAIMS_MOCK_PORT="http": must be a port number');
    expect(result.stderr).toContain('DUTYCLAIMS_MOCK_ENVIRONMENT="live": must be "sandbox" or "production"');
  });
});
