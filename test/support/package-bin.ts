// The package's bin as npm links it (package.json's `bin`), resolved in this checkout's built dist/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The absolute path of the `dutyclaims-launch` bin this checkout builds. */
export const packageBin: string = join(
  root,
  (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin[
    'dutyclaims-launch'
  ] ?? '',
);
