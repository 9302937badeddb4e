import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeLaunchGates } from '../../suites/index.js';

// The partners' entry point, run here the way a partner's vitest file runs it (examples/partner-project
// runs the same from the packed tarball): one suite per gate plus the packet verdict.
describeLaunchGates({ env: { DUTYCLAIMS_OUT_DIR: mkdtempSync(join(tmpdir(), 'dc-suite-')) } });
