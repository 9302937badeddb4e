import { randomBytes } from 'node:crypto';
import { createDutyClaimsClient, type DutyClaimsClient } from '../client/client.js';
import { credentialPrefix } from '../client/credentials.js';
import { isCredentialEnvironmentError } from '../client/errors.js';
import { type ClientOptions, DEFAULT_CLIENT_OPTIONS } from '../client/options.js';
import { HarnessConfigError } from '../config/errors.js';
import type { HarnessConfig } from '../config/harness-config.js';
import { ResponseHeaderLog } from '../drift/header-log.js';
import { providerSnapshot } from '../drift/snapshot.js';
import { evaluateGates } from '../gates/evaluate-gates.js';
import { type MonitorOptions, resolveMonitorOptions } from '../monitor/options.js';
import { emptyMonitorObservations, evaluateMonitor, readHealth, readSecurity } from '../monitor/run-monitor.js';
import type { LaunchPacket } from '../packet/schema.js';
import { startWebhookReceiver } from '../receiver/webhook-receiver.js';
import { createReferenceMockControl } from '../reference-mock/control-client.js';
import { collectArtifacts } from './artifacts.js';
import { describeBuildInBackground } from './build-info.js';
import { buildLaunchPacket } from './build-packet.js';
import { runGoldenPath, runReadOnlyPath } from './golden-path.js';
import type { RehearsalObservations, StepRecord } from './observations.js';
import { observedError } from './outcome.js';
import { CallRecorder } from './recorder.js';
import { ResponseAudit } from './response-audit.js';
import { readRollbackPlan } from './rollback-plan-file.js';
import { type RotationClock, realRotationClock, runRotation } from './run-rotation.js';
import { type MockTarget, resolveTarget } from './target.js';

export interface RehearsalOptions {
  readonly config: HarnessConfig;
  /** A reference mock the caller started (embedded or in a container); else the config decides. */
  readonly mock?: MockTarget;
  /** Progress, one call per dry-run step. */
  readonly onStep?: (step: StepRecord) => void;
  /** The command that produced the run, recorded in the packet (e.g. `dutyclaims-launch rehearse --junit`). */
  readonly command?: string;
  /** Client settings for this run, e.g. timeouts or a dispatcher. */
  readonly client?: Partial<Omit<ClientOptions, 'baseUrl' | 'credential' | 'environment' | 'onCall'>>;
  /** Budgets, window and security settings of the nightly watch a smoke run adds (read-only runs only). */
  readonly monitor?: MonitorOptions;
}

export interface RehearsalResult {
  readonly packet: LaunchPacket;
  readonly observations: RehearsalObservations;
  /** Every secret the run handled, so writers can prove none of them leaks. Never serialise this. */
  readonly secrets: readonly string[];
}

/** Starts the harness receiver; a host or port it cannot listen on is a configuration problem. */
async function startReceiver(config: HarnessConfig, now: () => number) {
  const { receiverHost: host, receiverPort: port } = config.webhook;
  try {
    return await startWebhookReceiver({ host, port, now });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new HarnessConfigError([
      `The webhook receiver cannot listen on ${host}:${port} (${code}). Set DUTYCLAIMS_RECEIVER_HOST to an address of this machine (default 127.0.0.1) and DUTYCLAIMS_RECEIVER_PORT to a free port (0 picks one).`,
    ]);
  }
}

/** The rotation's clock: the mock's (advanced over its control plane, offset tracked), or real time. */
function rotationClock(
  config: HarnessConfig,
  baseUrl: string,
): RotationClock & { readonly offsetMs: number; close(): Promise<void> } {
  if (config.target !== 'mock' || !config.rotation.requested)
    return { ...realRotationClock, offsetMs: 0, close: async () => {} };
  const control = createReferenceMockControl(baseUrl);
  const clock = {
    kind: 'mock' as const,
    offsetMs: 0,
    async advance(ms: number) {
      await control.advanceClock(ms);
      clock.offsetMs += ms;
    },
    close: () => control.close(),
  };
  return clock;
}

/**
 * Runs the golden path (or, read-only, the smoke subset) against the configured target and
 * evaluates the six gates. The CLI and the vitest suites both call this.
 */
export async function runLaunchRehearsal(options: RehearsalOptions): Promise<RehearsalResult> {
  const { config } = options;
  const startedAt = new Date();
  const runId = randomBytes(6).toString('hex');
  // git answers while the run goes on; the packet reads it at the end (never rejects).
  const build = describeBuildInBackground();
  await using target = await resolveTarget(config, options.mock);
  const secret = 'apiKey' in target.credential ? target.credential.apiKey : target.credential.oauth.clientSecret;
  const secrets = [secret];
  const recorder = new CallRecorder(target.partnerOrgId);
  const audit = new ResponseAudit();
  const headers = new ResponseHeaderLog();
  const monitorOptions = resolveMonitorOptions(
    options.monitor,
    options.client?.timeouts?.totalMs ?? DEFAULT_CLIENT_OPTIONS.timeouts.totalMs,
  );
  const monitor = emptyMonitorObservations();
  audit.know(secret, 'apiKey' in target.credential ? 'api_key' : 'oauth_client_secret');
  const observations: RehearsalObservations = {
    config,
    target: {
      baseUrl: target.baseUrl,
      host: target.host,
      expectedEnvironment: target.expectedEnvironment,
      partnerOrgId: target.partnerOrgId,
    },
    credential:
      'apiKey' in target.credential
        ? { kind: 'api_key', prefix: credentialPrefix(target.credential.apiKey) }
        : { kind: 'oauth', prefix: credentialPrefix(target.credential.oauth.clientId) },
    artifacts: collectArtifacts(config),
    rollbackPlan: await readRollbackPlan(config.rollbackPlanFile),
    credentialRefused: null,
    halted: null,
    partnerOrg: null,
    capabilities: null,
    endpoint: null,
    endpointReadBack: null,
    webhookTest: null,
    webhookTestReceipt: null,
    webhookTestReceiptError: null,
    client: null,
    authority: null,
    claim: null,
    replay: null,
    status: null,
    claimDeliveries: [],
    claimDeliveriesError: null,
    deliveryLog: null,
    receiverLog: [],
    rotation: null,
    steps: [],
    responseLeaks: audit.leaks,
    correlationEchoes: audit.echoes,
  };

  let client: DutyClaimsClient | null = null;
  try {
    client = createDutyClaimsClient({
      ...options.client,
      baseUrl: target.baseUrl,
      credential: target.credential,
      environment: target.expectedEnvironment,
      onCall: recorder.onCall,
      onResponse: (response) => {
        headers.onResponse(response);
        audit.onResponse(response);
      },
    });
  } catch (error) {
    if (!isCredentialEnvironmentError(error)) throw error;
    observations.credentialRefused = observedError(error);
  }
  if (client) {
    // The receiver checks signature timestamps against the provider's clock: on the mock, a rotation moves it on.
    const clock = rotationClock(config, target.baseUrl);
    try {
      await using receiver =
        !config.readOnly && config.webhook.mode === 'harness-receiver'
          ? await startReceiver(config, () => Date.now() + clock.offsetMs)
          : null;
      // The golden path's receiver log is what its delivery-log read is compared with: the rotation's come after it.
      let goldenPathReceipts: number | undefined;
      const rotate = async () => {
        goldenPathReceipts = receiver?.log.length;
        observations.rotation = await runRotation(
          {
            baseUrl: target.baseUrl,
            partnerOrgId: target.partnerOrgId,
            environment: target.expectedEnvironment,
            runKey: 'apiKey' in target.credential ? target.credential.apiKey : '',
            runId,
            clientOptions: options.client ?? {},
            recorder,
            audit,
            secrets,
            clock,
            receiver,
            waitTimeoutMs: config.waitTimeoutMs,
          },
          observations,
        );
      };
      const onStep = options.onStep ?? (() => {});
      const context = { client, recorder, audit, receiver, runId, onStep, beforeCleanup: rotate };
      if (config.readOnly) {
        await readHealth(context, monitor);
        await runReadOnlyPath(context, observations);
        await readSecurity(context, observations, monitor, monitorOptions);
        await readHealth(context, monitor);
        await rotate();
      } else await runGoldenPath(context, observations);
      if (receiver) Object.assign(observations, { receiverLog: receiver.log.slice(0, goldenPathReceipts) });
    } finally {
      await client.close();
      await clock.close();
    }
    if (observations.endpoint?.ok) secrets.push(observations.endpoint.value.secret);
  }
  const gates = evaluateGates(observations);
  const snapshot = providerSnapshot({
    capabilities: observations.capabilities,
    calls: recorder.calls,
    responseHeaders: headers.names,
    rateLimits: recorder.rateLimits,
  });
  const watch = config.readOnly
    ? evaluateMonitor({
        monitor,
        observations,
        calls: recorder.calls,
        runDurationMs: Date.now() - startedAt.getTime(),
        options: monitorOptions,
      })
    : null;
  const packet = buildLaunchPacket({
    snapshot,
    monitor: watch,
    runId,
    startedAt,
    observations,
    gates,
    recorder,
    command: options.command ?? null,
    build: await build,
  });
  return { packet, observations, secrets };
}
