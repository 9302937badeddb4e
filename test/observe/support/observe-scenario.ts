import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNodeReceiver } from '../../../examples/webhook-receivers/src/node-receiver.js';
import { runCli } from '../../../harness/cli/run-cli.js';
import { CONTRACT_PIN } from '../../../harness/contract/index.js';
import { DEFAULT_SCHEDULE_SETTINGS, faultSchedule, SCENARIO_ENV } from '../../../harness/grading/client/index.js';
import { seedScenario } from '../../../harness/grading/client/setup.js';
import { gradeWebhookReceiver } from '../../../harness/grading/webhook-receiver/index.js';
import type { ProxyFaultInput } from '../../../harness/observe/index.js';
import { LaunchPacket } from '../../../harness/packet/index.js';
import { startReferenceMock } from '../../../harness/reference-mock/index.js';
import { CLIENT_TIMEOUT_MS } from '../../grading/support/client-timeout.js';
import { createHttpTestServer } from '../../support/create-http-test-server.js';

const RECEIVER_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** The owners a launch names (the gates fail without them). */
export const OWNERS = {
  DUTYCLAIMS_ROTATION_OWNER: 'platform-oncall',
  DUTYCLAIMS_SECRET_STORAGE: 'vault:dutyclaims/sandbox',
  DUTYCLAIMS_ROLLBACK_OWNER: 'payments-lead',
  DUTYCLAIMS_CUTOVER_OWNER: 'release-manager',
};

export interface ObservedScenario {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly packet: LaunchPacket;
  readonly apiKey: string;
}

/**
 * Runs `command` through `dutyclaims-launch observe` with the reference mock as the upstream (standing in
 * for sandbox), the client-grading scenario seeded in it, and its fault schedule handed to the proxy
 * as a --faults file (plus `extraFaults` first). Returns the CLI's output and the packet it wrote.
 */
export async function observeScenario(
  command: readonly string[],
  options: {
    extraFaults?: readonly ProxyFaultInput[];
    env?: Record<string, string>;
    argv?: readonly string[];
    /** Run the checklist's dry run around the scenario (default true). */
    dryRun?: boolean;
    /** Inject the grading scenario's fault schedule after `extraFaults` (default true). */
    schedule?: boolean;
    /** Grade the Node reference receiver with grade-webhook and pass its report (default true). */
    receiverReport?: boolean;
  } = {},
): Promise<ObservedScenario> {
  await using mock = await startReferenceMock();
  // The partner's webhook receiver: acknowledges every delivery (its verification is not the proxy's to see).
  await using receiver = await createHttpTestServer((_req, res) => {
    res.writeHead(204).end();
  });
  const fixture = await seedScenario(mock, 12);
  const schedule = { ...DEFAULT_SCHEDULE_SETTINGS, holdMs: 2 * CLIENT_TIMEOUT_MS + 1000, maxRetries: 6 };
  const dir = await mkdtemp(join(tmpdir(), 'observe-'));
  try {
    const faults = join(dir, 'faults.json');
    const scheduled = options.schedule === false ? [] : faultSchedule(fixture, schedule);
    await writeFile(faults, JSON.stringify([...(options.extraFaults ?? []), ...scheduled]));
    const reports: string[] = [];
    if (options.receiverReport !== false) {
      await using graded = await startNodeReceiver({ secret: RECEIVER_SECRET, testMode: true });
      const report = await gradeWebhookReceiver({
        url: graded.url,
        secret: RECEIVER_SECRET,
        processedEventsUrl: graded.processedUrl ?? '',
      });
      await writeFile(join(dir, 'receiver.json'), JSON.stringify(report));
      reports.push('--grade-report', join(dir, 'receiver.json'));
    }
    const persona = mock.personas.sandbox;
    const env = {
      ...process.env,
      ...OWNERS,
      [SCENARIO_ENV.apiKey]: persona.apiKey,
      [SCENARIO_ENV.partnerOrgId]: persona.partnerOrgId,
      [SCENARIO_ENV.clientRef]: fixture.clientRef,
      [SCENARIO_ENV.clientIds]: fixture.clientIds.join(','),
      [SCENARIO_ENV.pageSize]: '5',
      [SCENARIO_ENV.timeoutMs]: String(CLIENT_TIMEOUT_MS),
      [SCENARIO_ENV.maxConcurrency]: '4',
      ...(options.dryRun === false ? {} : { DUTYCLAIMS_WEBHOOK_PUBLIC_URL: `${receiver.url}/webhooks` }),
      ...options.env,
    };
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      [
        'observe',
        '--upstream',
        mock.url,
        '--port',
        '0',
        '--contract-hash',
        CONTRACT_PIN.hash,
        '--faults',
        faults,
        '--timeout-ms',
        String(CLIENT_TIMEOUT_MS),
        '--max-concurrency',
        '4',
        '--out',
        join(dir, 'packet'),
        ...reports,
        ...(options.argv ?? []),
        '--',
        ...command,
      ],
      { out: (line) => out.push(line), err: (line) => err.push(line), env },
    );
    const text = await readFile(join(dir, 'packet', 'launch-packet.json'), 'utf8').catch(() => 'null');
    return {
      code,
      stdout: out.join('\n'),
      stderr: err.join('\n'),
      packet: LaunchPacket.parse(JSON.parse(text)),
      apiKey: persona.apiKey,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
