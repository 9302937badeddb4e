import { setTimeout as sleep } from 'node:timers/promises';
import { Headers } from '../../contract/index.js';
import { Agent, request } from '../../http/undici.js';
import { type JournalEntry, type StartedReferenceMock, startReferenceMock } from '../../reference-mock/index.js';
import { type GradeReport, secretHint } from '../shared/report.js';
import { evaluateClientJournal } from './evaluate.js';
import type { LastPageReplay } from './evaluate-scenario.js';
import { traceparentCheck } from './evaluate-traceparent.js';
import { viewJournal } from './journal-view.js';
import { GRADER_CORRELATION_PREFIX, issueScenarioKeys, watchForRotation } from './key-rotation.js';
import { type ClientGradeOptions, type ResolvedClientGradeOptions, resolveClientGradeOptions } from './options.js';
import { runPartnerCommand } from './run-command.js';
import { SCENARIO_ENV, scenarioEnv } from './scenario-env.js';
import { DEFAULT_SCHEDULE_SETTINGS, faultSchedule, type ScheduleSettings } from './schedule.js';
import { seedScenario } from './setup.js';
import { watchStalls } from './stall-monitor.js';
import { STRATEGY_FAULTS } from './strategy-faults.js';

/** The `grader` name in client reports. */
export const CLIENT_GRADER = 'client';

/** The command as a person would type it (for reports). */
export const displayCommand = (command: readonly string[]): string =>
  command.map((part) => (/^[\w@%+=:,./-]+$/.test(part) ? part : `'${part.replaceAll("'", "'\\''")}'`)).join(' ');

function settingsOf(options: ResolvedClientGradeOptions, schedule: ScheduleSettings, apiKey: string) {
  return {
    timeoutMs: options.timeoutMs === null ? 'not declared' : String(options.timeoutMs),
    maxConcurrency: options.maxConcurrency === null ? 'not declared' : String(options.maxConcurrency),
    maxRetries: String(options.maxRetries),
    maxBackoffMs: String(options.maxBackoffMs),
    commandTimeoutMs: String(options.commandTimeoutMs),
    pageSize: String(options.pageSize),
    deliveries: String(options.deliveries),
    holdMs: schedule.holdMs === null ? 'none' : String(schedule.holdMs),
    retryAfterSeconds: String(schedule.retryAfterSeconds),
    credential: secretHint(apiKey),
  };
}

/**
 * The journal once the held read has been journaled: the mock records a held request only when its
 * hold ends, so wait for it when the client got as far as submitting the claim.
 */
async function settledJournal(mock: StartedReferenceMock, holdMs: number | null): Promise<JournalEntry[]> {
  const deadline = performance.now() + (holdMs ?? 0) + 250;
  for (;;) {
    const journal = await mock.control.journal();
    const reachedStep4 = journal.some((e) => e.operationId === 'createClaim' && e.status === 202);
    const held = journal.some((e) => e.operationId === 'getClaimStatus' && e.fault === 'delay');
    if (holdMs === null || !reachedStep4 || held || performance.now() > deadline) return journal;
    await sleep(50);
  }
}

/** Reads the client's last page again, to learn whether more followed it. */
async function replayLastPage(mock: StartedReferenceMock, journal: readonly JournalEntry[]): Promise<LastPageReplay> {
  const last = journal
    .filter((e) => e.operationId === 'listWebhookDeliveries' && e.status === 200)
    .sort((a, b) => a.receivedAt - b.receivedAt)
    .at(-1);
  if (!last) return { hasMore: null, error: 'no page was read' };
  const agent = new Agent();
  try {
    const query = new URLSearchParams(last.query).toString();
    const response = await request(`${mock.url}${last.path}${query === '' ? '' : `?${query}`}`, {
      dispatcher: agent,
      headers: { [Headers.authorization]: `Bearer ${mock.personas.sandbox.apiKey}` },
    });
    const body = (await response.body.json()) as { hasMore?: unknown };
    if (response.statusCode !== 200 || typeof body.hasMore !== 'boolean')
      return { hasMore: null, error: `reading it again answered ${response.statusCode}` };
    return { hasMore: body.hasMore, error: null };
  } catch (error) {
    return { hasMore: null, error: (error as Error).message };
  } finally {
    await agent.close();
  }
}

function commandEnv(options: ResolvedClientGradeOptions, scenario: Record<string, string>) {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  for (const name of Object.values(SCENARIO_ENV)) delete env[name];
  return { ...env, ...scenario };
}

/**
 * Starts the reference mock with the scenario's fault schedule, runs the partner's command against it
 * (DUTYCLAIMS_BASE_URL, credentials and scenario inputs in its environment) and grades the request
 * journal. Throws ClientGradeConfigError for bad options only; a failing client yields failing checks.
 * @example const report = await gradeClient({ command: ['python3', 'client.py'], timeoutMs: 500, maxConcurrency: 4 })
 */
export async function gradeClient(options: ClientGradeOptions): Promise<GradeReport> {
  const resolved = resolveClientGradeOptions(options);
  const startedAt = new Date(resolved.now()).toISOString();
  const schedule: ScheduleSettings = {
    ...DEFAULT_SCHEDULE_SETTINGS,
    holdMs: resolved.holdMs,
    maxRetries: resolved.maxRetries,
  };
  await using mock = await startReferenceMock();
  const persona = mock.personas.sandbox;
  const fixture = await seedScenario(mock, resolved.deliveries);
  await using keys = await issueScenarioKeys(mock);
  await mock.control.clearJournal();
  for (const fault of faultSchedule(fixture, schedule)) await mock.control.injectFault(fault);
  const hint = secretHint(keys.first.key);
  const scenario = scenarioEnv({
    baseUrl: mock.url,
    apiKey: keys.first.key,
    apiKeyFile: keys.file,
    partnerOrgId: persona.partnerOrgId,
    clientRef: fixture.clientRef,
    clientIds: fixture.clientIds,
    pageSize: resolved.pageSize,
    timeoutMs: resolved.timeoutMs,
    maxConcurrency: resolved.maxConcurrency,
  });
  const watch = watchForRotation(mock, keys);
  using stallMonitor = watchStalls();
  const command = await runPartnerCommand({
    command: resolved.command,
    env: commandEnv(resolved, scenario),
    cwd: resolved.cwd,
    timeoutMs: resolved.commandTimeoutMs,
    redact: (line) =>
      line
        .replaceAll(persona.apiKey, secretHint(persona.apiKey))
        .replaceAll(keys.first.key, hint)
        .replaceAll(keys.second.key, secretHint(keys.second.key)),
    onOutput: resolved.onOutput,
  });
  const rotation = await watch.stop();
  const stalls = stallMonitor.stop();
  // The grader's own calls (the revocation at step 7) are not the command's traffic.
  const journal = (await settledJournal(mock, schedule.holdMs)).filter(
    (entry) => !(entry.correlationIdSent ?? '').startsWith(GRADER_CORRELATION_PREFIX),
  );
  const lastPage = await replayLastPage(mock, journal);
  const checks = evaluateClientJournal({
    journal,
    declared: {
      timeoutMs: resolved.timeoutMs,
      maxConcurrency: resolved.maxConcurrency,
      maxRetries: resolved.maxRetries,
      maxBackoffMs: resolved.maxBackoffMs,
    },
    schedule,
    command,
    clientIds: fixture.clientIds.filter(
      (clientId) => clientId !== fixture.giveUpClientId && !fixture.strategyClientIds.includes(clientId),
    ),
    giveUpPath: `/v1/clients/${fixture.giveUpClientId}/authority`,
    strategyReads: fixture.strategyClientIds.map((clientId, index) => ({
      path: `/v1/clients/${clientId}/authority`,
      retryStrategy: STRATEGY_FAULTS[index]?.retryStrategy ?? 'no_retry',
    })),
    lastPage,
    pageSize: resolved.pageSize,
    keyRotation: rotation,
    stalls,
  });
  if (resolved.expectTraceparent) checks.push(traceparentCheck(viewJournal(journal)));
  return {
    grader: CLIENT_GRADER,
    target: displayCommand(resolved.command),
    startedAt,
    finishedAt: new Date(resolved.now()).toISOString(),
    settings: settingsOf(resolved, schedule, keys.first.key),
    checks,
  };
}
