import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';

const main = fileURLToPath(new URL('../../harness/cli/main.ts', import.meta.url));

describe('dutyclaims-launch mock', () => {
  it('serves the API, prints its URL and credentials, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', main, 'mock', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines = createInterface({ input: child.stdout });
    const printed: string[] = [];
    for await (const line of lines) {
      printed.push(line);
      if (line.includes('accepted nowhere else')) break;
    }
    const url = /listening on (\S+)/.exec(printed[0] ?? '')?.[1];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(printed.join('\n')).toMatch(/api key: +dc_test_[0-9a-z]{32}/);
    const health = await request(`${url}/health`);
    expect(health.statusCode).toBe(200);
    expect(health.headers['dutyclaims-contract-hash']).toMatch(/^[0-9a-f]{16}$/);
    await health.body.dump();
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('refuses a bad port with exit code 2', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', main, 'mock', '--port', 'abc'], {
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
