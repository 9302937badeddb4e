import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { packageBin } from '../support/package-bin.js';

/** How each run starts the CLI: from source (the ES module CLI's command), and the built bin (its `mock` runs from the mock's bundle). */
const entries: [string, readonly string[]][] = [
  ['from source', ['--import', 'tsx', fileURLToPath(new URL('../../harness/cli/main.ts', import.meta.url))]],
  ['the built bin', [packageBin]],
];

// A process that boots tsx can take many seconds on a busy 2-core machine: the kill timer is only a
// safety net for a regression that keeps serving, never a limit a healthy run can reach.
const SPAWN_LIMIT_MS = 90_000;

describe.each(entries)('dutyclaims-launch mock, %s', { timeout: SPAWN_LIMIT_MS + 30_000 }, (_, entry) => {
  /** Starts `mock` with `args`, reads its banner up to the last credentials line, and returns it with the child. */
  const startMock = async (args: readonly string[]) => {
    const child = spawn(process.execPath, [...entry, 'mock', '--port', '0', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = once(child, 'exit');
    const lines = createInterface({ input: child.stdout });
    const printed: string[] = [];
    for await (const line of lines) {
      printed.push(line);
      if (line.includes('accepted nowhere else')) break;
    }
    const stop = async () => {
      child.kill('SIGTERM');
      const [code] = await exited;
      return code as number | null;
    };
    const url = /listening on (\S+)/.exec(printed[0] ?? '')?.[1];
    if (url === undefined || !/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) {
      await stop();
      expect.fail(`no "listening on http://127.0.0.1:PORT" line; printed: ${printed.join(' | ')}`);
    }
    return { url, banner: printed.join('\n'), stop };
  };

  it('serves the API, prints its URL and only credential prefixes, and exits 0 on SIGTERM', async () => {
    const { url, banner, stop } = await startMock([]);
    try {
      const personas = (await (await request(`${url}/_mock/personas`)).body.json()) as {
        sandbox: { apiKey: string; readOnlyApiKey: string; oauthClient: { clientSecret: string } };
      };
      const secrets = [
        personas.sandbox.apiKey,
        personas.sandbox.readOnlyApiKey,
        personas.sandbox.oauthClient.clientSecret,
      ];
      for (const secret of secrets) {
        expect(banner).not.toContain(secret);
        expect(banner).toContain(`${secret.slice(0, 12)}…`);
      }
      expect(banner).toMatch(/api key: +dc_test_[0-9a-z]{4}…$/m);
      expect(banner).toContain(`GET ${url}/_mock/personas`);
      const health = await request(`${url}/health`);
      expect(health.statusCode).toBe(200);
      expect(health.headers['dutyclaims-contract-hash']).toMatch(/^[0-9a-f]{16}$/);
      await health.body.dump();
    } finally {
      expect(await stop()).toBe(0);
    }
  });

  it('prints the full seeded credentials with --print-credentials', async () => {
    const { url, banner, stop } = await startMock(['--print-credentials']);
    try {
      expect(banner).toMatch(/api key: +dc_test_[0-9a-z]{32}$/m);
      const personas = (await (await request(`${url}/_mock/personas`)).body.json()) as {
        sandbox: { oauthClient: { clientSecret: string } };
      };
      expect(banner).toContain(personas.sandbox.oauthClient.clientSecret);
    } finally {
      expect(await stop()).toBe(0);
    }
  });

  it('--json prints one JSON object with the URL and credential prefixes on stdout, the banner on stderr', async () => {
    const child = spawn(process.execPath, [...entry, 'mock', '--port', '0', '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = once(child, 'exit');
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    try {
      const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
      const summary = JSON.parse(line) as {
        url: string;
        environment: string;
        partnerOrgId: string;
        credentials: { apiKey: string; oauthClientSecret: string; full: boolean };
        personasUrl: string;
      };
      expect(summary).toMatchObject({ environment: 'sandbox', credentials: { full: false } });
      expect(summary.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const personas = (await (await request(summary.personasUrl)).body.json()) as {
        sandbox: { partnerOrgId: string; apiKey: string; oauthClient: { clientSecret: string } };
      };
      expect(summary.partnerOrgId).toBe(personas.sandbox.partnerOrgId);
      expect(summary.credentials.apiKey).toBe(`${personas.sandbox.apiKey.slice(0, 12)}…`);
      expect(line).not.toContain(personas.sandbox.oauthClient.clientSecret);
      expect(stderr).toContain(`listening on ${summary.url}`);
    } finally {
      child.kill('SIGTERM');
      expect((await exited)[0]).toBe(0);
    }
  });

  /** Runs `mock` with `args` to its exit; for arguments that stop it before it serves. */
  const runToExit = async (args: readonly string[]) => {
    const child = spawn(process.execPath, [...entry, 'mock', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // Should it start serving after all (a regression), do not leave it listening.
    const timer = setTimeout(() => child.kill('SIGKILL'), SPAWN_LIMIT_MS);
    const [code] = await once(child, 'exit');
    clearTimeout(timer);
    return { code: code as number | null, stderr };
  };

  it('refuses a non-loopback --host with exit code 2 unless --allow-non-loopback-host is given', async () => {
    const refused = await runToExit(['--port', '0', '--host', '0.0.0.0']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--host 0\.0\.0\.0 is not a loopback address/);
    expect(refused.stderr).toMatch(/no authentication/);
    expect(refused.stderr).toContain('--allow-non-loopback-host');
    // Allowed, it tries to listen: 192.0.2.1 (TEST-NET-1) is on no interface here, so nothing is exposed.
    const tokenless = await runToExit(['--port', '0', '--host', '192.0.2.1', '--allow-non-loopback-host']);
    expect(tokenless.code).toBe(2);
    expect(tokenless.stderr).toMatch(/without a control token/);
    const allowed = await runToExit([
      ...['--port', '0', '--host', '192.0.2.1', '--allow-non-loopback-host'],
      ...['--control-token', 'control-token-0123456789'],
    ]);
    expect(allowed.code).toBe(2);
    expect(allowed.stderr).toMatch(/could not listen on 192\.0\.2\.1:0/);
  });

  it('applies --rate-limit per key, and refuses a rate limit that is not a positive whole number', async () => {
    const { url, stop } = await startMock(['--rate-limit', '2']);
    try {
      const personas = (await (await request(`${url}/_mock/personas`)).body.json()) as {
        sandbox: { apiKey: string };
      };
      const headers = { authorization: `Bearer ${personas.sandbox.apiKey}` };
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await request(`${url}/v1/claims/clm_aaaaaaaaaaaaaaaaaaaa/status`, { headers });
        expect(response.headers['x-ratelimit-limit']).toBe('2');
        statuses.push(response.statusCode);
        await response.body.dump();
      }
      expect(statuses).toEqual([404, 404, 429]);
    } finally {
      expect(await stop()).toBe(0);
    }
    const refused = await runToExit(['--port', '0', '--rate-limit', '0']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--rate-limit (DUTYCLAIMS_MOCK_RATE_LIMIT) must be a whole number of requests');
  });

  it('refuses a bad port with exit code 2', async () => {
    const child = spawn(process.execPath, [...entry, 'mock', '--port', 'abc'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr).toContain('--port must be');
  });
});
