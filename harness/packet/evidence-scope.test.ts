import { describe, expect, it } from 'vitest';
import { samplePacket } from '../../test/support/sample-packet.js';
import { evidenceScope } from './evidence-scope.js';
import type { LaunchPacket } from './schema.js';

const ready = (overrides: Partial<LaunchPacket> = {}): LaunchPacket => ({
  ...samplePacket(),
  verdict: 'ready',
  ...overrides,
});

describe('evidenceScope', () => {
  it('supports asking for live traffic only for a READY sandbox run with an API key', () => {
    expect(evidenceScope(ready())).toMatchObject({
      source: 'live_target',
      supportsLiveTraffic: true,
      unproven: [],
    });
    expect(evidenceScope({ ...ready(), verdict: 'not_ready' }).supportsLiveTraffic).toBe(false);
  });

  it('labels the reference mock and names the sandbox rehearsal that would be evidence', () => {
    const packet = ready({ target: { ...samplePacket().target, kind: 'mock' } });
    const scope = evidenceScope(packet);
    expect(scope).toMatchObject({ source: 'reference_mock', supportsLiveTraffic: false });
    expect(scope.label).toBe('reference mock rehearsal (not evidence for live traffic)');
    expect(scope.unproven).toEqual([
      expect.objectContaining({ id: 'live_target', proveWith: expect.stringMatching(/TARGET=sandbox .*rehearse$/) }),
    ]);
  });

  it('does not take sandbox OAuth for proof of the production credential', () => {
    const scope = evidenceScope(ready({ credential: { shape: 'oauth', prefix: 'cid_abcd' } }));
    expect(scope.supportsLiveTraffic).toBe(false);
    expect(scope.unproven).toEqual([
      expect.objectContaining({
        id: 'production_credential',
        proveWith: expect.stringMatching(/DUTYCLAIMS_TARGET=production .*dc_live_ key.*4d430a74e95b56a1 .*smoke$/),
      }),
    ]);
  });

  it('lists the writes a read-only run could not prove', () => {
    const packet = ready({ run: { ...samplePacket().run, mode: 'smoke', readOnly: true } });
    expect(evidenceScope(packet).unproven.map((item) => item.id)).toEqual(['writes']);
    expect(evidenceScope(packet).label).toBe('sandbox read-only smoke on sandbox.dutyclaims.example');
  });
});
