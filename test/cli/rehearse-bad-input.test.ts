import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../harness/cli/run-cli.js';
import { startReferenceMock } from '../../harness/reference-mock/index.js';
import { startRewritingProxy } from '../support/rewriting-proxy.js';
import { unwritableDirectory } from '../support/unwritable-directory.js';

async function run(env: Record<string, string>, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (line) => out.push(line), err: (line) => err.push(line), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const tempDir = () => mkdtempSync(join(tmpdir(), 'dc-bad-input-'));
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

/** A host that counts every request it gets: a run stopped by bad settings must send none. */
async function countingHost() {
  let requests = 0;
  const server = createServer((incoming, outgoing) => {
    requests += 1;
    incoming.resume();
    outgoing.writeHead(500).end();
  }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    requests: () => requests,
    [Symbol.asyncDispose]: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('rehearse: every configuration problem before the first request, at once, exit 2', () => {
  it('lists a base URL with credentials, a misspelt name, an --out under a file and a bad grade report together', async () => {
    await using host = await countingHost();
    const dir = tempDir();
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'x');
    const env = {
      DUTYCLAIMS_PARTNER_ORG_ID: 'porg_x',
      DUTYCLAIMS_API_KEY: 'dc_test_x',
      DUTYCLAIMS_CONTRACT_HASH: '0123456789abcdef',
      DUTYCLAIMS_WEBHOOK_ENDPOINT_ID: 'we_x',
      DUTYCLAIMS_ROLLBAK_OWNER: 'oncall@partner.example',
    };
    const baseUrl = `http://ops:hunter2pass@127.0.0.1:${host.port}`;
    const result = await run(
      env,
      ...['rehearse', '--target', 'sandbox', '--base-url', baseUrl, '--out', join(file, 'packet')],
      ...['--grade-report', join(dir, 'missing.json')],
    );
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/DUTYCLAIMS_BASE_URL: must not contain a user name or password/);
    expect(result.err).toMatch(/DUTYCLAIMS_ROLLBAK_OWNER .*Did you mean DUTYCLAIMS_ROLLBACK_OWNER\?/);
    expect(result.err).toMatch(/DUTYCLAIMS_OUT_DIR \(--out\): .* is under .*notes\.txt, which is a file/);
    expect(result.err).toMatch(/Cannot use the grade report .*missing\.json/);
    expect(result.err).not.toMatch(/hunter2pass/);
    expect(result.err).not.toMatch(STACK_FRAME);
    expect(host.requests()).toBe(0);
  });

  it('refuses a base URL with a query string', async () => {
    const result = await run({}, 'rehearse', '--base-url', 'http://127.0.0.1:9/?tenant=acme', '--out', tempDir());
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/DUTYCLAIMS_BASE_URL: must not contain a query string/);
  });

  const unwritable = unwritableDirectory();
  it.skipIf(unwritable === null)('refuses an --out directory it cannot write to, before the run', async () => {
    const result = await run({}, 'rehearse', '--out', unwritable ?? '');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/DUTYCLAIMS_OUT_DIR \(--out\): cannot write the launch packet to .* \(E[A-Z]+\)/);
    expect(result.out).not.toMatch(/step 1/);
  });
});

describe('rehearse: a packet the writer refuses still ends with a summary and exit 1', () => {
  it('names the file and the secret by prefix, never the value, and writes nothing', async () => {
    await using mock = await startReferenceMock();
    const apiKey = mock.personas.sandbox.apiKey;
    // A provider that echoes the caller's API key in the partner organization's contract version.
    await using proxy = await startRewritingProxy({
      target: mock.url,
      rewriteResponseBody: (path, body) => {
        if (!/^\/v1\/partner-organizations\/[^/]+$/.test(path)) return body;
        const org = JSON.parse(body) as { contract: { version: string } };
        org.contract.version = `1.0.0 (key ${apiKey})`;
        return JSON.stringify(org);
      },
    });
    const dir = join(tempDir(), 'packet');
    const result = await run({}, 'rehearse', '--base-url', proxy.url, '--out', dir, '--junit');
    const output = `${result.out}\n${result.err}`;
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^Verdict: /m);
    expect(output).toMatch(/Refusing to write the launch packet: .*launch-packet\.json would contain a secret/);
    expect(output).toMatch(
      /launch-packet\.json line \d+: a (known secret|DutyClaims API key) starting "dc_test_\w{4}…"/,
    );
    expect(output).not.toContain(apiKey);
    expect(output).not.toMatch(STACK_FRAME);
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });
});

describe('rehearse: an out dir that breaks during the run does not lose the packet', () => {
  it('writes it to a temporary directory instead, says where, and exits 1', async () => {
    await using mock = await startReferenceMock();
    const parent = join(tempDir(), 'reports');
    const dir = join(parent, 'packet');
    // Something else replaces the output folder's parent with a file while the run is under way.
    let broken = false;
    await using proxy = await startRewritingProxy({
      target: mock.url,
      rewriteResponseBody: (path, body) => {
        if (path.startsWith('/v1/partner-organizations/') && !broken) {
          broken = true;
          rmSync(parent, { recursive: true, force: true });
          writeFileSync(parent, 'x');
        }
        return body;
      },
    });
    const result = await run({}, 'rehearse', '--base-url', proxy.url, '--out', dir);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^Verdict: READY/m);
    const fallback = /Could not write the launch packet to .*packet \((E[A-Z]+)\); wrote it to (\S+) instead\./.exec(
      result.out,
    );
    expect(fallback?.[1]).toMatch(/ENOTDIR|EEXIST/);
    expect(readdirSync(fallback?.[2] ?? '')).toEqual(
      expect.arrayContaining(['launch-packet.json', 'launch-packet.md', 'launch-packet.html']),
    );
  });
});
