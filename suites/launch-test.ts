import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'vitest';
import { loadHarnessConfig } from '../harness/config/load-config.js';
import type { LaunchPacket } from '../harness/packet/schema.js';
import { writeLaunchPacket } from '../harness/packet/write-packet.js';
import { type StartedReferenceMock, startReferenceMock } from '../harness/reference-mock/start.js';
import { runLaunchRehearsal } from '../harness/rehearsal/run-rehearsal.js';

/** A golden-path rehearsal of the embedded reference mock, run once per test file. */
export interface LaunchRun {
  readonly packet: LaunchPacket;
  /** Where the packet was written (a temporary directory of this file). */
  readonly packetDir: string;
}

/** The fixtures `launchTest` gives a partner's own tests. */
export interface LaunchFixtures {
  /** The embedded reference mock for this test file, on 127.0.0.1; closed after the file. */
  referenceMock: StartedReferenceMock;
  /** The golden-path rehearsal against `referenceMock`, run once per file when a test asks for it. */
  launchRun: LaunchRun;
}

/**
 * vitest's `test` with the launch fixtures: a partner's own tests can talk to the same reference mock
 * the rehearsal ran against (its `url`, `personas` and `control` for faults and the journal), and
 * read the rehearsal's packet.
 * @example
 * import { launchTest as test } from '@dutyclaims/launch-harness/suites';
 * test('our client reads the claim the rehearsal created', async ({ referenceMock, launchRun }) => {
 *   const claimId = launchRun.packet.escalation.claimId;
 *   const res = await fetch(`${referenceMock.url}/v1/claims/${claimId}/status`, {
 *     headers: { authorization: `Bearer ${referenceMock.personas.sandbox.apiKey}` },
 *   });
 *   expect(res.status).toBe(200);
 * });
 */
export const launchTest = test.extend<LaunchFixtures>({
  referenceMock: [
    // biome-ignore lint/correctness/noEmptyPattern: vitest reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const mock = await startReferenceMock();
      try {
        await use(mock);
      } finally {
        await mock.close();
      }
    },
    { scope: 'file' },
  ],
  launchRun: [
    async ({ referenceMock }, use) => {
      const packetDir = await mkdtemp(join(tmpdir(), 'dutyclaims-launch-run-'));
      const config = loadHarnessConfig({ DUTYCLAIMS_OUT_DIR: packetDir });
      const result = await runLaunchRehearsal({ config, mock: referenceMock });
      await writeLaunchPacket(result.packet, packetDir, { junit: false, secrets: result.secrets });
      await use({ packet: result.packet, packetDir });
    },
    { scope: 'file' },
  ],
});
