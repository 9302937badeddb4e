import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

/**
 * A partner's first hour, from the packed tarball: packs the current dist/ (run `npm run build`
 * first), installs it into an empty project outside the repository and runs the README's partner
 * steps verbatim. Needs the npm registry for vitest and the package's dependencies; without it the
 * test says so and skips (with CI=true it fails). Alone: `npx vitest run --project partner-install`.
 */
export default defineProject({
  test: {
    name: 'partner-install',
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['**/*.test.ts'],
    env: { PACT_DO_NOT_TRACK: 'true' },
    // npm install and a nested vitest run: minutes on a busy machine, never a limit a healthy run reaches.
    hookTimeout: 900_000,
    testTimeout: 600_000,
    sequence: { groupOrder: 4 },
  },
});
