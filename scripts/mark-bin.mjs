// tsc does not keep the executable bit: make the CLI entry runnable straight from dist/.
import { chmodSync } from 'node:fs';

chmodSync(new URL('../dist/harness/cli/main.js', import.meta.url), 0o755);
