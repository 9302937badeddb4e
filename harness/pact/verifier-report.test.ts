import { describe, expect, it } from 'vitest';
import { readVerifierFailure } from './verifier-report.js';

describe('readVerifierFailure', () => {
  it('lists each failed interaction with its mismatches from pact-core JSON report', () => {
    const report = {
      errors: [
        {
          interaction: 'Given a claim exists - a read of the status of a claim',
          mismatch: { mismatches: [{ mismatch: "Expected a header 'X-Request-Id' but was missing" }] },
        },
      ],
      interactionResults: [{}, {}, {}],
    };
    const { summary, failures } = readVerifierFailure(new Error(JSON.stringify(report)));
    expect(failures).toEqual([
      {
        interaction: 'Given a claim exists - a read of the status of a claim',
        mismatches: ["Expected a header 'X-Request-Id' but was missing"],
      },
    ]);
    expect(summary).toBe(
      "1 of 3 interaction(s) failed: Given a claim exists - a read of the status of a claim (Expected a header 'X-Request-Id' but was missing)",
    );
  });

  it('falls back to the first line of a plain error', () => {
    expect(readVerifierFailure(new Error('connection refused\nstack'))).toEqual({
      summary: 'connection refused',
      failures: [],
    });
  });
});
