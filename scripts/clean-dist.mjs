// Removes dist/ before a build so deleted sources never ship as stale output.
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
