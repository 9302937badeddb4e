import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import type { HarnessConfig } from '../harness/config/harness-config.js';
import { loadHarnessConfig } from '../harness/config/load-config.js';
import { GATES } from '../harness/gates/catalog.js';
import { writeLaunchPacket } from '../harness/packet/write-packet.js';
import { type RehearsalResult, runLaunchRehearsal } from '../harness/rehearsal/run-rehearsal.js';
import type { MockTarget } from '../harness/rehearsal/target.js';
import { catalogChecks, checkOutcome, checkTestName } from './gate-check-tests.js';
import { packetDirFor } from './packet-dir.js';

export interface LaunchGateSuiteOptions {
  /** Environment variables to read the configuration from; defaults to `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A configuration built elsewhere; wins over `env`. */
  readonly config?: HarnessConfig;
  /** A reference mock the caller started, e.g. in a container; its runtime does not matter. */
  readonly mock?: MockTarget | (() => MockTarget);
  /**
   * Rehearse API-key and webhook-secret rotation after the golden path (as `rehearse --rotation`);
   * wins over DUTYCLAIMS_ROTATION. Without it the rotation checks are skipped as not run.
   */
  readonly rotation?: boolean;
  /** Write the launch packet (default true). */
  readonly writePacket?: boolean;
  /** How long the whole golden path may take (default: five times the wait timeout plus 30 s: the
   * run waits up to that timeout for the receipt, the authority, the status and the deliveries). */
  readonly timeoutMs?: number;
}

/**
 * Defines the launch gates as vitest tests: one test per check of each gate (a `describe` per
 * gate), plus "the launch packet is READY". The golden path runs once, before the tests; a check the
 * run could not perform is skipped with its reason, never passed. Each test carries its evidence as
 * vitest annotations (shown on failure, and in reporters such as JUnit) and names the packet.
 *
 * The packet goes to `DUTYCLAIMS_OUT_DIR`, by default `./launch-packet`; when vitest runs several
 * projects and the directory is the default, each project writes to `./launch-packet/<project>`.
 * @example
 * // launch.test.ts
 * import { describeLaunchGates } from '@dutyclaims/launch-harness/suites';
 * describeLaunchGates();
 */
export function describeLaunchGates(options: LaunchGateSuiteOptions = {}): void {
  const env = options.env ?? process.env;
  const loaded = options.config ?? loadHarnessConfig(env);
  const config =
    options.rotation === undefined
      ? loaded
      : { ...loaded, rotation: { ...loaded.rotation, requested: options.rotation } };
  const outDirIsDefault = options.config === undefined && !env.DUTYCLAIMS_OUT_DIR;
  let result: RehearsalResult | undefined;
  let failure: unknown;
  let packet: Promise<string | null> | undefined;

  /** Writes the packet once, for the project of the first test that asks; resolves to its directory. */
  const packetDir = (projectName: string | undefined): Promise<string | null> => {
    packet ??= (async () => {
      if (!result || options.writePacket === false) return null;
      const dir = packetDirFor(config.outDir, outDirIsDefault, projectName);
      await writeLaunchPacket(result.packet, dir, { junit: false, secrets: result.secrets });
      return dir;
    })();
    return packet;
  };
  const where = (dir: string | null): string =>
    dir === null ? 'no launch packet was written' : `launch packet: ${join(dir, 'launch-packet.md')}`;
  const runOf = (): RehearsalResult => {
    if (result) return result;
    throw failure instanceof Error ? failure : new Error(`The golden path did not run: ${String(failure)}`);
  };

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
          result = await runLaunchRehearsal({
            config,
            command: 'vitest (describeLaunchGates from @dutyclaims/launch-harness/suites)',
            ...(mock ? { mock } : {}),
          });
        } catch (error) {
          failure = error;
        }
      },
      options.timeoutMs ?? config.waitTimeoutMs * 5 + 30_000,
    );

    // Written even when every test was filtered out.
    afterAll(async () => {
      await packetDir(undefined);
    });

    // The verdict a person would hand to support: a skipped check keeps vitest green, so this test
    // makes "not ready" visible as a failure (read-only runs can never be ready: it is skipped there).
    it('the launch packet is READY', async (context) => {
      const run = runOf();
      const dir = await packetDir(context.task.file.projectName);
      await context.annotate(where(dir));
      if (config.readOnly) context.skip('A read-only run cannot prove the write gates, so it is never READY.');
      const open = run.packet.gates
        .filter((gate) => gate.verdict !== 'pass')
        .map((gate) => `${gate.title}: ${gate.verdict} (${gate.reason})`);
      expect(open, `every gate must pass before you ask for live traffic (${where(dir)})`).toEqual([]);
      expect(run.packet.verdict).toBe('ready');
    });

    for (const spec of GATES) {
      describe(spec.title, () => {
        for (const catalogName of catalogChecks(spec.id)) {
          it(checkTestName(catalogName), async (context: TestContext) => {
            const run = runOf();
            const dir = await packetDir(context.task.file.projectName);
            const gate = run.packet.gates.find((item) => item.id === spec.id);
            if (!gate) throw new Error(`The packet has no result for ${spec.id} (${where(dir)}).`);
            const outcome = checkOutcome(gate, catalogName);
            for (const line of outcome.lines) await context.annotate(line);
            if (gate.requestIds.length > 0) await context.annotate(`request ids: ${gate.requestIds.join(', ')}`);
            await context.annotate(where(dir));
            if (outcome.verdict === 'not_run') context.skip(outcome.reason);
            expect(outcome.verdict, `${spec.title} > ${catalogName} failed:\n${outcome.reason}\n(${where(dir)})`).toBe(
              'pass',
            );
          });
        }
      });
    }
  });
}
