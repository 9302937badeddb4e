import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HarnessConfig } from '../harness/config/harness-config.js';
import { loadHarnessConfig } from '../harness/config/load-config.js';
import { GATES } from '../harness/gates/catalog.js';
import { writeLaunchPacket } from '../harness/packet/write-packet.js';
import { type RehearsalResult, runLaunchRehearsal } from '../harness/rehearsal/run-rehearsal.js';
import type { MockTarget } from '../harness/rehearsal/target.js';

export interface LaunchGateSuiteOptions {
  /** Environment variables to read the configuration from; defaults to `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A configuration built elsewhere; wins over `env`. */
  readonly config?: HarnessConfig;
  /** A reference mock the caller started, e.g. in a container; its runtime does not matter. */
  readonly mock?: MockTarget | (() => MockTarget);
  /** Write the launch packet to the configured directory after the run (default true). */
  readonly writePacket?: boolean;
  /** How long the whole golden path may take (default: five times the wait timeout plus 30 s: the
   * run waits up to that timeout for the receipt, the authority, the status and the deliveries). */
  readonly timeoutMs?: number;
}

/**
 * Defines one vitest suite per launch gate. The golden path runs once, before the gates are
 * asserted; a gate that could not be checked is reported as skipped with its reason, never passed.
 * @example
 * // launch.test.ts
 * import { describeLaunchGates } from '@dutyclaims/launch-harness/suites';
 * describeLaunchGates();
 */
export function describeLaunchGates(options: LaunchGateSuiteOptions = {}): void {
  const config = options.config ?? loadHarnessConfig(options.env ?? process.env);
  let result: RehearsalResult | undefined;
  let failure: unknown;

  // The suite name says what the evidence is, so a green run never reads as more than it proves in a CI report.
  const scope =
    config.target === 'mock'
      ? ': reference mock rehearsal, not evidence for live traffic'
      : config.target === 'sandbox' && config.credential?.kind === 'oauth'
        ? ': sandbox OAuth, not proof of the production credential'
        : '';
  describe(`DutyClaims launch gates (${config.target}${config.readOnly ? ', read-only' : ''}${scope})`, () => {
    beforeAll(
      async () => {
        try {
          const mock = typeof options.mock === 'function' ? options.mock() : options.mock;
          result = await runLaunchRehearsal({ config, ...(mock ? { mock } : {}) });
        } catch (error) {
          failure = error;
        }
      },
      options.timeoutMs ?? config.waitTimeoutMs * 5 + 30_000,
    );

    afterAll(async () => {
      if (result && options.writePacket !== false)
        await writeLaunchPacket(result.packet, config.outDir, { junit: false, secrets: result.secrets });
    });

    // The verdict a person would hand to support: a skipped gate keeps vitest green, so this test
    // makes "not ready" visible as a failure (read-only runs can never be ready: it is skipped there).
    it('the launch packet is READY', (context) => {
      if (!result)
        throw failure instanceof Error ? failure : new Error(`The golden path did not run: ${String(failure)}`);
      if (config.readOnly) context.skip('A read-only run cannot prove the write gates, so it is never READY.');
      const open = result.packet.gates
        .filter((gate) => gate.verdict !== 'pass')
        .map((gate) => `${gate.title}: ${gate.verdict} (${gate.reason})`);
      expect(open, 'every gate must pass before you ask for live traffic').toEqual([]);
      expect(result.packet.verdict).toBe('ready');
    });

    for (const spec of GATES) {
      describe(spec.title, () => {
        it(`proves: ${spec.mustProve}`, (context) => {
          if (!result)
            throw failure instanceof Error ? failure : new Error(`The golden path did not run: ${String(failure)}`);
          const gate = result.packet.gates.find((item) => item.id === spec.id);
          if (!gate) throw new Error(`The packet has no result for ${spec.id}.`);
          if (gate.verdict === 'not_run') context.skip(gate.reason);
          const failed = gate.checks
            .filter((item) => item.verdict === 'fail')
            .map((item) => `${item.name}: ${item.detail}`);
          expect(failed, `${spec.title} failed (request ids: ${gate.requestIds.join(', ') || 'none'})`).toEqual([]);
          expect(gate.verdict).toBe('pass');
        });
      });
    }
  });
}
