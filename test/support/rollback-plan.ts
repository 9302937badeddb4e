import { fileURLToPath } from 'node:url';

/** The example rollback plan the nightly-smoke example ships: all four parts the checklist asks for. */
export const EXAMPLE_ROLLBACK_PLAN = fileURLToPath(
  new URL('../../examples/nightly-smoke/rollback-plan.md', import.meta.url),
);
