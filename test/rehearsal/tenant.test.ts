import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHarnessConfig } from '../../harness/config/index.js';
import { startReferenceMock } from '../../harness/reference-mock/index.js';
import { runLaunchRehearsal } from '../../harness/rehearsal/index.js';

describe('a rehearsal attached to a running mock by URL', () => {
  it('runs as a tenant of its own, not as the seeded persona', async () => {
    await using mock = await startReferenceMock({ seed: 'rehearsal-tenant' });
    const config = loadHarnessConfig({
      DUTYCLAIMS_BASE_URL: mock.url,
      DUTYCLAIMS_OUT_DIR: mkdtempSync(join(tmpdir(), 'dc-tenant-')),
    });
    const orgs: string[] = [];
    for (let run = 0; run < 2; run++) {
      const { packet } = await runLaunchRehearsal({ config });
      expect(packet.verdict).toBe('ready');
      orgs.push(packet.target.partnerOrgId);
    }
    expect(new Set([...orgs, mock.personas.sandbox.partnerOrgId]).size).toBe(3);
  });
});
