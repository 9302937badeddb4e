import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../harness/cli/run-cli.js';
import { CONTRACT_PIN } from '../../harness/contract/index.js';
import { observe, parseFaultSchedule } from '../../harness/observe/index.js';
import { startReferenceMock } from '../../harness/reference-mock/index.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'observe-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['observe', ...argv], { out: (l) => out.push(l), err: (l) => err.push(l), env: {} });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe.concurrent('dutyclaims-launch observe: bad input exits 2 and says what to do', () => {
  it('without --upstream', async () => {
    const result = await cli(['--contract-hash', CONTRACT_PIN.hash]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--upstream is required/);
  });

  it('without a contract pin', async () => {
    const result = await cli(['--upstream', 'http://127.0.0.1:9']);
    expect([result.code, result.stderr]).toEqual([2, expect.stringMatching(/--contract-hash .* is required/)]);
  });

  it('with a faults file that is not a schedule, naming it and its code', async () => {
    const file = join(dir, 'faults.json');
    await writeFile(file, JSON.stringify({ kind: 'drop' }));
    const result = await cli(['--upstream', 'http://127.0.0.1:9', '--contract-hash', 'x', '--faults', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file} is not a fault schedule`);
    expect(result.stderr).toContain('[OBSERVE_ERR_FAULTS_FILE]');
  });

  it('against an upstream of another environment, before any traffic', async () => {
    await using mock = await startReferenceMock({ environment: 'production' });
    const result = await cli([
      '--upstream',
      mock.url,
      '--port',
      '0',
      '--contract-hash',
      CONTRACT_PIN.hash,
      '--',
      'true',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/reports environment "production".*\[OBSERVE_ERR_UPSTREAM_ENVIRONMENT\]/);
  });

  it('prints its usage with --help', async () => {
    const result = await cli(['--help']);
    expect([result.code, result.stdout]).toEqual([
      0,
      expect.stringMatching(/^Usage: dutyclaims-launch observe --upstream/),
    ]);
  });
});

describe('observe without a command (the partner ends the flow, Ctrl-C in the CLI)', () => {
  it('journals the traffic sent meanwhile and does not claim the flow completed', async () => {
    await using mock = await startReferenceMock();
    const { apiKey, partnerOrgId } = mock.personas.sandbox;
    const end = new AbortController();
    const run = await observe({
      upstream: mock.url,
      port: 0,
      contractHash: CONTRACT_PIN.hash,
      until: end.signal,
      outDir: null,
      onListening: (proxy) => {
        void request(`${proxy.url}/v1/partner-organizations/${partnerOrgId}`, {
          headers: { authorization: `Bearer ${apiKey}`, 'x-correlation-id': 'corr-manual' },
        })
          .then((response) => response.body.dump())
          .finally(() => end.abort());
      },
    });
    expect(run.journal.map((entry) => [entry.operationId, entry.status])).toEqual([['getPartnerOrganization', 200]]);
    const completed = run.packet.grades[0]?.checks.find((check) => check.id === 'scenario-completed');
    expect(completed).toMatchObject({ verdict: 'not_graded', reason: expect.stringMatching(/no command was given/) });
    const pin = run.packet.gates.find((gate) => gate.id === 'environment-and-contract-pin');
    expect(pin?.verdict).toBe('pass');
    expect(run.packet.verdict).toBe('not_ready');
    expect(run.written).toBeNull();
  });
});

describe('the README section "Observe your own integration"', () => {
  it('shows the example faults file exactly, and that file is a valid schedule', async () => {
    const faults = await readFile(new URL('../../examples/observe/faults.json', import.meta.url), 'utf8');
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Observe your own integration'));
    expect(section).toContain(faults);
    expect(parseFaultSchedule(JSON.parse(faults), 'examples/observe/faults.json').map((f) => f.kind)).toEqual([
      'lost_response',
      'status',
      'rate_limit',
      'drop',
      'delay',
    ]);
    expect(section).toMatch(/npx dutyclaims-launch observe --upstream \S+ --contract-hash/);
  });
});
