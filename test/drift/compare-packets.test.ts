import { beforeAll, describe, expect, it } from 'vitest';
import { comparePackets } from '../../harness/drift/index.js';
import type { LaunchPacket } from '../../harness/packet/index.js';
import { type MisbehavingRun, paths, rehearseAgainst, rewriteJson } from '../support/misbehaving-provider.js';
import { capabilities, family } from '../support/provider-misbehaviours.js';

// Latency is compared too, but a busy machine must not make drift: these tests look at everything else.
const noLatency = { latencyMinMs: 3_600_000 };
const smoke = (run: Omit<MisbehavingRun, 'target'> = {}) =>
  rehearseAgainst({ target: 'production', monitor: { p95BudgetMs: 60_000 }, ...run }).then(({ packet }) => packet);
// Each run starts its own mock on a new port: the host differs by construction (and is reported, not stopping).
const compare = (baseline: LaunchPacket, packet: LaunchPacket, options = noLatency) =>
  comparePackets(baseline, packet, options).filter((change) => change.field !== 'target.host');
const stopping = (baseline: LaunchPacket, packet: LaunchPacket) =>
  compare(baseline, packet)
    .filter((change) => change.stopsCutover)
    .map((change) => change.field);

describe('drift against a baseline packet', () => {
  let baseline: LaunchPacket;
  beforeAll(async () => {
    baseline = await smoke();
  });

  it('two healthy runs of the same provider show no drift', async () => {
    expect(compare(baseline, await smoke())).toEqual([]);
  });

  it('a route family that is no longer generally available stops the cutover', async () => {
    const packet = await smoke({
      proxy: capabilities((body) => {
        family(body, 'claims').availability = 'provider_gated';
      }),
    });
    expect(compare(baseline, packet)).toEqual([
      expect.objectContaining({
        field: 'families.claims.availability',
        before: 'ga',
        after: 'provider_gated',
        stopsCutover: true,
      }),
    ]);
  });

  it('a new contract hash stops the cutover', async () => {
    const served = 'aaaaaaaaaaaaaaaa';
    const packet = await smoke({
      proxy: () => ({
        rewriteResponseBody: rewriteJson(paths.partnerOrg, (body) => ({
          ...body,
          contract: { ...(body.contract as object), hash: served },
        })),
        rewriteResponseHeaders: (_path, headers) => ({ ...headers, 'dutyclaims-contract-hash': served }),
      }),
    });
    expect(stopping(baseline, packet)).toEqual(['contract.servedHash']);
    expect(compare(baseline, packet)[0]).toMatchObject({
      before: baseline.contract.servedHash,
      after: served,
    });
  });

  it('a missing contract header stops the cutover; a lower rate limit is reported', async () => {
    const packet = await smoke({
      proxy: () => ({
        rewriteResponseHeaders: (_path, headers) =>
          Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'x-request-id')),
      }),
    });
    expect(stopping(baseline, packet)).toEqual(['responseHeaders.x-request-id']);
    const limited = await smoke({
      proxy: () => ({ rewriteResponseHeaders: (_path, headers) => ({ ...headers, 'x-ratelimit-limit': '7' }) }),
    });
    const changes = compare(baseline, limited);
    expect(changes.length).toBeGreaterThan(0);
    expect(
      changes.every((change) => change.field.startsWith('rateLimits.') && !change.stopsCutover && change.after === '7'),
    ).toBe(true);
  });

  it('a p95 that regresses past the threshold is reported, without stopping the cutover', () => {
    const slower = structuredClone(baseline);
    if (!slower.snapshot) throw new Error('no snapshot');
    slower.snapshot.latency = { ...slower.snapshot.latency, p95Ms: (baseline.snapshot?.latency.p95Ms ?? 0) + 5_000 };
    expect(comparePackets(baseline, slower)).toEqual([
      expect.objectContaining({ field: 'latency.p95Ms', stopsCutover: false }),
    ]);
  });
});
