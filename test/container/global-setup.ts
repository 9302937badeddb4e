// Runs once for the container project: decides whether the tests can run, and removes the
// containers testcontainers leaves behind (ryuk is off: it would need an image pull).
import type { TestProject } from 'vitest/node';
import { dockerUnavailableReason, mockImage, removeTestcontainers } from './docker-engine.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Empty when the container tests can run, else why they are skipped. */
    dockerSkipReason: string;
    mockImage: string;
  }
}

/** CI sets both; then a missing engine or image fails the run instead of skipping it. */
const dockerRequired = () => process.env.CI === 'true' && process.env.DUTYCLAIMS_REQUIRE_DOCKER === '1';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The same settings the tests get through `test.env`: the probe must see the engine they will use.
  process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
  process.env.TESTCONTAINERS_HOST_OVERRIDE = '127.0.0.1';
  const image = mockImage();
  const reason = await dockerUnavailableReason(image);
  if (reason && dockerRequired())
    throw new Error(`Container tests are required here (CI=true, DUTYCLAIMS_REQUIRE_DOCKER=1) but ${reason}.`);
  if (reason) process.stderr.write(`\n[container] container tests SKIPPED: ${reason}\n\n`);
  else process.stderr.write(`[container] running the container tests against ${image}\n`);
  project.provide('dockerSkipReason', reason ?? '');
  project.provide('mockImage', image);
  return async () => {
    if (reason) return;
    const removed = await removeTestcontainers();
    if (removed.length > 0)
      process.stderr.write(`[container] removed ${removed.length} leftover container(s): ${removed.join(', ')}\n`);
  };
}
