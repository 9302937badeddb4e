// Test support: the skip decision the global setup made, shown in each suite's title.
import { inject } from 'vitest';

/** Empty when the container tests can run, else why not. */
export const dockerSkipReason = (): string => inject('dockerSkipReason');

/** The image under test (DUTYCLAIMS_MOCK_IMAGE or dutyclaims/reference-mock:local). */
export const imageUnderTest = (): string => inject('mockImage');

/** A suite title that carries the skip reason, so a skipped run says why. */
export const suiteTitle = (name: string): string => {
  const reason = dockerSkipReason();
  return reason === '' ? name : `${name} (skipped: ${reason})`;
};
