import { describe, expect, it } from 'vitest';
import { createDutyClaimsClient } from '../../harness/client/index.js';
import { startReferenceMock } from '../../harness/reference-mock/index.js';
import { rehearseAgainst } from '../support/misbehaving-provider.js';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;
const traceIdOf = (value: string | null) => TRACEPARENT.exec(value ?? '')?.[1] ?? null;

describe('W3C trace context', () => {
  it('every request carries a traceparent: one per logical call, the same on each retry of it', async () => {
    await using mock = await startReferenceMock();
    await mock.control.injectFault({
      kind: 'status',
      status: 503,
      count: 1,
      match: { operationId: 'getCapabilities' },
    });
    await using client = createDutyClaimsClient({
      baseUrl: mock.url,
      credential: { apiKey: mock.personas.sandbox.apiKey },
      sleep: async () => {},
    });
    const org = mock.personas.sandbox.partnerOrgId;
    const first = await client.getPartnerOrganization(org);
    const retried = await client.getCapabilities(org);
    expect(first.meta.traceparent).toMatch(TRACEPARENT);
    const journal = await mock.control.journal();
    const capabilities = journal.filter((entry) => entry.operationId === 'getCapabilities');
    expect(capabilities.map((entry) => entry.status)).toEqual([503, 200]);
    expect(capabilities.map((entry) => entry.traceparent)).toEqual([
      retried.meta.traceparent,
      retried.meta.traceparent,
    ]);
    expect(journal.find((entry) => entry.operationId === 'getPartnerOrganization')?.traceparent).toBe(
      first.meta.traceparent,
    );
    expect(traceIdOf(first.meta.traceparent)).not.toBe(traceIdOf(retried.meta.traceparent));
  });

  it('a caller may pass its own traceparent; an invalid one is refused before sending', async () => {
    await using mock = await startReferenceMock();
    await using client = createDutyClaimsClient({ baseUrl: mock.url });
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    expect((await client.health({ traceparent })).meta.traceparent).toBe(traceparent);
    await expect(client.health({ traceparent: 'abc' })).rejects.toMatchObject({
      name: 'ClientConfigurationError',
      message: expect.stringMatching(/W3C Trace Context/),
    });
  });

  it('the log fields and the escalation template carry the trace id the provider journaled', async () => {
    const { packet, journal } = await rehearseAgainst({});
    const claimWrite = packet.logFields.find((fields) => fields.operationId === 'createClaim');
    const journaled = journal.find((entry) => entry.requestId === claimWrite?.requestId);
    expect(claimWrite?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(traceIdOf(journaled?.traceparent ?? null)).toBe(claimWrite?.traceId);
    expect(packet.escalation.traceId).toBe(claimWrite?.traceId);
  });
});
