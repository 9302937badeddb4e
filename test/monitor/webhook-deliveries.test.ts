import { describe, expect, it } from 'vitest';
import type { LaunchPacket } from '../../harness/packet/index.js';
import { paths, rehearseAgainst, rewriteJson } from '../support/misbehaving-provider.js';

const watch = (packet: LaunchPacket) =>
  Object.fromEntries((packet.monitor?.checks ?? []).map((check) => [check.id, check.verdict]));
const generous = { p95BudgetMs: 60_000, callBudgetMs: 60_000 };

/** A delivery the provider lists, `hoursAgo` old, with a failed last attempt. */
const listed = (id: string, status: string, hoursAgo: number) => ({
  id,
  eventId: 'evt_0123456789abcdef',
  endpointId: 'we_0123456789abcdef',
  eventType: 'claim.status_changed',
  status,
  attempts: [
    { attempt: 1, at: new Date().toISOString(), responseStatus: 503, error: null, durationMs: 12 },
    { attempt: 2, at: new Date().toISOString(), responseStatus: null, error: 'connect ECONNREFUSED', durationMs: 1 },
  ],
  createdAt: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(),
  nextAttemptAt: null,
});

/** A provider whose delivery log lists these deliveries. */
const deliveryLog =
  (...deliveries: ReturnType<typeof listed>[]) =>
  () => ({
    rewriteResponseBody: rewriteJson(paths.deliveries, (body) => ({ ...body, data: deliveries })),
  });

describe('nightly watch: webhook delivery health', () => {
  it('a failed delivery in the last 24 h fails only the delivery check, naming its id, attempts and last error', async () => {
    const { packet } = await rehearseAgainst({
      target: 'production',
      monitor: generous,
      proxy: deliveryLog(listed('whd_0000000000000ok1', 'succeeded', 1), listed('whd_00000000000bad01', 'failed', 2)),
    });
    expect(watch(packet)).toMatchObject({ health: 'pass', 'time-budget': 'pass', 'webhook-deliveries': 'fail' });
    const check = packet.monitor?.checks.find((item) => item.id === 'webhook-deliveries');
    expect(check?.detail).toContain(
      'whd_00000000000bad01 (we_0123456789abcdef claim.status_changed): failed, 2 attempts, last error: connect ECONNREFUSED',
    );
  });

  it('healthy deliveries pass, and with live traffic a succeeded delivery proves webhooks fire', async () => {
    const { packet } = await rehearseAgainst({
      target: 'production',
      monitor: { ...generous, trafficLive: true },
      proxy: deliveryLog(listed('whd_0000000000000ok1', 'succeeded', 1), listed('whd_00000000000old01', 'failed', 40)),
    });
    expect(watch(packet)).toMatchObject({ 'webhook-deliveries': 'pass', 'webhook-delivered': 'pass' });
  });

  it('live traffic with no delivery in the window fails "a webhook delivery succeeded"; not live, it is not run', async () => {
    const live = await rehearseAgainst({ target: 'production', monitor: { ...generous, trafficLive: true } });
    expect(watch(live.packet)).toMatchObject({ 'webhook-deliveries': 'pass', 'webhook-delivered': 'fail' });
    const quiet = await rehearseAgainst({ target: 'production', monitor: generous });
    expect(watch(quiet.packet)['webhook-delivered']).toBe('not_run');
  });
});
