import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHarnessConfig } from '../../harness/config/index.js';
import { startReferenceMock } from '../../harness/reference-mock/index.js';
import { runLaunchRehearsal } from '../../harness/rehearsal/index.js';

describe('a rehearsal on a shared mock', () => {
  it('disables the webhook endpoint it registered when it ends, so later events do not fan out to it', async () => {
    await using mock = await startReferenceMock({ seed: 'endpoint-cleanup' });
    const config = loadHarnessConfig({ DUTYCLAIMS_OUT_DIR: mkdtempSync(join(tmpdir(), 'dc-cleanup-')) });
    const endpointIds: string[] = [];
    for (let run = 0; run < 2; run++) {
      const { packet, observations } = await runLaunchRehearsal({ config, mock });
      expect(packet.verdict).toBe('ready');
      if (observations.endpoint?.ok) endpointIds.push(observations.endpoint.value.id);
    }
    expect(endpointIds).toHaveLength(2);
    const token = mock.personas.sandbox.apiKey;
    for (const id of endpointIds) {
      const response = await fetch(`${mock.url}/v1/webhooks/endpoints/${id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(((await response.json()) as { status: string }).status).toBe('disabled');
    }
  });
});
