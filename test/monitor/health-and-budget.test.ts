import { describe, expect, it } from 'vitest';
import type { LaunchPacket } from '../../harness/packet/index.js';
import { rehearseAgainst } from '../support/misbehaving-provider.js';

const watch = (packet: LaunchPacket) =>
  Object.fromEntries((packet.monitor?.checks ?? []).map((check) => [check.id, check.verdict]));
// Generous budgets for the healthy runs: a busy machine must not fail them.
const generous = { p95BudgetMs: 60_000, callBudgetMs: 60_000 };
const noWait = { sleep: async () => {} };

describe('nightly watch: health and time budget', () => {
  it('a healthy production passes the health and time budget checks, and records each health call', async () => {
    const { packet, journal } = await rehearseAgainst({ target: 'production', monitor: generous });
    expect(watch(packet)).toMatchObject({ health: 'pass', 'time-budget': 'pass' });
    expect(journal.filter((entry) => entry.path === '/health')).toHaveLength(2);
    expect(packet.monitor?.checks.find((check) => check.id === 'health')?.evidence).toEqual([
      expect.stringMatching(/^GET \/health -> 200 in /),
      expect.stringMatching(/^GET \/health -> 200 in /),
    ]);
  });

  it('a slow health route fails only the time budget, with the slow call named', async () => {
    const { packet } = await rehearseAgainst({
      target: 'production',
      monitor: { p95BudgetMs: 1_000, callBudgetMs: 60_000 },
      before: async (mock) => {
        await mock.control.injectFault({ kind: 'delay', delayMs: 2_500, count: 1, match: { operationId: 'health' } });
      },
    });
    expect(watch(packet)).toMatchObject({ health: 'pass', 'time-budget': 'fail' });
    const budget = packet.monitor?.checks.find((check) => check.id === 'time-budget');
    expect(budget?.detail).toMatch(/p95 latency [2-9]\.\d s is over its budget of 1\.0 s/);
    expect(budget?.evidence.join('\n')).toMatch(/slowest: GET \/health took [2-9]\.\d s/);
  });

  it('a health route answering 503 fails only the health check', async () => {
    const { packet } = await rehearseAgainst({
      target: 'production',
      monitor: generous,
      client: noWait,
      before: async (mock) => {
        await mock.control.injectFault({ kind: 'status', status: 503, count: 100, match: { operationId: 'health' } });
      },
    });
    expect(watch(packet)).toMatchObject({ health: 'fail', 'time-budget': 'pass' });
  });

  it('a rehearsal has no nightly watch', async () => {
    const { packet } = await rehearseAgainst({});
    expect(packet.monitor).toBeNull();
    expect(packet.snapshot?.latency.calls).toBeGreaterThan(0);
  });
});
