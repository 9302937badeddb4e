import { expect } from 'vitest';
import { launchTest as test } from '../../suites/index.js';

// A partner's own tests, using the run's mock and packet through the exported fixture.
test('reads the claim the rehearsal created from the same reference mock', async ({ referenceMock, launchRun }) => {
  expect(launchRun.packet.verdict).toBe('ready');
  const claimId = launchRun.packet.escalation.claimId;
  expect(claimId).toMatch(/^clm_/);
  const res = await fetch(`${referenceMock.url}/v1/claims/${claimId}/status`, {
    headers: { authorization: `Bearer ${referenceMock.personas.sandbox.apiKey}` },
  });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { claimId: string }).claimId).toBe(claimId);
});

test('runs the rehearsal once per file and writes its packet', async ({ launchRun, referenceMock }) => {
  const { readdir } = await import('node:fs/promises');
  expect(await readdir(launchRun.packetDir)).toEqual(
    expect.arrayContaining(['launch-packet.json', 'launch-packet.md']),
  );
  // The same mock as the first test: its journal holds the rehearsal's claim write and that test's read.
  const journal = await referenceMock.control.journal();
  expect(journal.filter((entry) => entry.operationId === 'createClaim').length).toBeGreaterThanOrEqual(1);
});
