import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHarnessConfig } from '../../harness/config/load-config.js';
import { ReferenceMockContainer, type StartedReferenceMockContainer } from '../../harness/container/index.js';
import { GATES } from '../../harness/gates/catalog.js';
import { runLaunchRehearsal } from '../../harness/rehearsal/run-rehearsal.js';
import { describeLaunchGates } from '../../suites/launch-gates.js';
import { dockerSkipReason, imageUnderTest, suiteTitle } from './skip.js';

// The harness's defaults for a mock target: no real credentials, the mock's own personas.
const config = loadHarnessConfig({});

describe.skipIf(dockerSkipReason() !== '')(suiteTitle('golden path against the container'), () => {
  let started: StartedReferenceMockContainer;

  beforeAll(async () => {
    started = await new ReferenceMockContainer(imageUnderTest()).withSeed('container-golden-path').start();
  });
  afterAll(async () => {
    await started?.close();
  });

  it('runLaunchRehearsal passes all six gates against the container', async () => {
    const result = await runLaunchRehearsal({ config, mock: started });
    expect(result.packet.gates.map((gate) => [gate.id, gate.verdict])).toEqual(GATES.map((spec) => [spec.id, 'pass']));
    expect(result.observations.target.baseUrl).toBe(started.url);
    // The calls really reached the container: its journal holds the run's requests.
    const journal = await started.control.journal();
    expect(journal.some((entry) => entry.method === 'POST' && entry.path === '/v1/claims')).toBe(true);
  });

  describe('describeLaunchGates with the container handle', () => {
    // The gate suites take the handle the same way they take an embedded mock's.
    describeLaunchGates({ config, mock: () => started, writePacket: false });
  });
});
