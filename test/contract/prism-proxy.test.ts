import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHarnessConfig } from '../../harness/config/index.js';
import { openApiPath } from '../../harness/contract/index.js';
import { type StartedReferenceMock, startReferenceMock } from '../../harness/reference-mock/index.js';
import { runLaunchRehearsal } from '../../harness/rehearsal/index.js';

// Stoplight Prism, a validating proxy nobody here wrote: with --errors it answers a request or a
// response that breaks the OpenAPI document with its own problem document instead of passing it on.
const require = createRequire(import.meta.url);
const prismMain = (() => {
  try {
    return join(dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist', 'index.js');
  } catch {
    return null;
  }
})();
const available = prismMain !== null && existsSync(prismMain);
const GENEROUS_MS = 60_000;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

let mock: StartedReferenceMock;
let prism: ChildProcess | undefined;
let prismUrl = '';
let output = '';

beforeAll(async () => {
  if (!available) return;
  mock = await startReferenceMock({ seed: 'prism' });
  const port = await freePort();
  prism = spawn(
    process.execPath,
    [prismMain ?? '', 'proxy', openApiPath(), mock.url, '--errors', '--host', '127.0.0.1', '--port', String(port)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  prismUrl = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Prism did not start within ${GENEROUS_MS} ms:\n${output}`)),
      GENEROUS_MS,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/listening on/i.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    prism?.stdout?.on('data', onData);
    prism?.stderr?.on('data', onData);
    prism?.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited with ${code}:\n${output}`));
    });
  });
}, GENEROUS_MS + 5000);

afterAll(async () => {
  if (prism && prism.exitCode === null) {
    prism.kill('SIGTERM');
    await new Promise((resolve) => prism?.once('exit', resolve));
  }
  await mock?.close();
});

/** One call through Prism; fails the test on any violation Prism reports. */
async function throughPrism(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await request(`${prismUrl}${path}`, {
    method: method as 'GET',
    headers,
    body: options.body === undefined ? null : JSON.stringify(options.body),
  });
  const text = await response.body.text();
  const violations = response.headers['sl-violations'];
  expect(violations, `${method} ${path}: ${violations}`).toBeUndefined();
  expect(text, `${method} ${path}`).not.toMatch(/stoplight\.io\/prism\/errors/);
  return { status: response.statusCode, json: text === '' ? null : (JSON.parse(text) as Record<string, unknown>) };
}

describe.skipIf(!available)('the reference mock through Stoplight Prism as a validating proxy (--errors)', () => {
  it(
    'runs the golden path with no request or response violation',
    async () => {
      const { packet } = await runLaunchRehearsal({
        config: loadHarnessConfig({ DUTYCLAIMS_OUT_DIR: mkdtempSync(join(tmpdir(), 'dc-prism-')) }),
        mock: { url: prismUrl, personas: mock.personas },
      });
      expect(packet.gates.filter((gate) => gate.verdict !== 'pass').map((gate) => [gate.id, gate.reason])).toEqual([]);
      expect(packet.verdict).toBe('ready');
    },
    GENEROUS_MS,
  );

  it(
    'answers the error branches as the document says',
    async () => {
      const { apiKey, partnerOrgId } = mock.personas.sandbox;
      const wrongKey = `dc_test_${'a'.repeat(32)}`;
      expect((await throughPrism('GET', `/v1/partner-organizations/${partnerOrgId}`, { token: wrongKey })).status).toBe(
        401,
      );
      expect((await throughPrism('GET', '/v1/claims/clm_aaaaaaaaaaaaaaaaaaaa/status', { token: apiKey })).status).toBe(
        404,
      );
      const client = { externalRef: 'prism-1', name: 'Prism Ltd', country: 'GB' };
      expect((await throughPrism('POST', '/v1/clients', { token: apiKey, body: client })).status).toBe(201);
      expect((await throughPrism('POST', '/v1/clients', { token: apiKey, body: client })).status).toBe(409);
      const key = { 'idempotency-key': 'prism-key-1' };
      expect(
        (
          await throughPrism('POST', '/v1/clients', {
            token: apiKey,
            body: { ...client, externalRef: 'prism-2' },
            headers: key,
          })
        ).status,
      ).toBe(201);
      expect(
        (
          await throughPrism('POST', '/v1/clients', {
            token: apiKey,
            body: { ...client, externalRef: 'prism-3' },
            headers: key,
          })
        ).status,
      ).toBe(409);
      await mock.control.injectFault({
        kind: 'rate_limit',
        count: 1,
        match: { operationId: 'getPartnerOrganization' },
      });
      expect((await throughPrism('GET', `/v1/partner-organizations/${partnerOrgId}`, { token: apiKey })).status).toBe(
        429,
      );
      await mock.control.injectFault({ kind: 'status', status: 503, count: 1, match: { operationId: 'health' } });
      expect((await throughPrism('GET', '/health')).status).toBe(503);
    },
    GENEROUS_MS,
  );

  it(
    'would report a response that breaks the document (the check can fail)',
    async () => {
      await using broken = await startReferenceMock({
        seed: 'prism-broken',
        deviations: { dropBodyFields: { getPartnerOrganization: ['environment'] } },
      });
      // Point a second Prism at the non-conforming mock for this one check.
      const port = await freePort();
      const second = spawn(
        process.execPath,
        [
          prismMain ?? '',
          'proxy',
          openApiPath(),
          broken.url,
          '--errors',
          '--host',
          '127.0.0.1',
          '--port',
          String(port),
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      try {
        let log = '';
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(log)), GENEROUS_MS);
          const onData = (chunk: Buffer) => {
            log += chunk.toString();
            if (/listening on/i.test(log)) {
              clearTimeout(timer);
              resolve();
            }
          };
          second.stdout?.on('data', onData);
          second.stderr?.on('data', onData);
        });
        const { apiKey, partnerOrgId } = broken.personas.sandbox;
        const response = await request(`http://127.0.0.1:${port}/v1/partner-organizations/${partnerOrgId}`, {
          headers: { authorization: `Bearer ${apiKey}` },
        });
        const text = await response.body.text();
        expect(`${response.statusCode} ${text}`).toMatch(/stoplight\.io\/prism\/errors|sl-violations/);
      } finally {
        second.kill('SIGTERM');
        await new Promise((resolve) => second.once('exit', resolve));
      }
    },
    GENEROUS_MS * 2,
  );
});

if (!available)
  describe('Stoplight Prism', () => {
    it.skip('is not installed (npm ci installs @stoplight/prism-cli): the validating-proxy pass did not run', () => {});
  });
