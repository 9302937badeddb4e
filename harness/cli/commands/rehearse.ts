import { parseArgs } from 'node:util';
import { loadCommandBundle } from '../../code-cache/run-bundle.js';
import type { CliIo } from '../cli-io.js';
import { SMOKE_FLAGS, SMOKE_USAGE } from '../smoke-options.js';
import { ExitCode } from '../usage-error.js';

export const rehearseUsage = (command: 'rehearse' | 'smoke') => `Usage: dutyclaims-launch ${command} [options]

${command === 'rehearse' ? 'Runs the golden path of the DutyClaims launch checklist and proves each gate.' : 'The nightly read-only run: reads only, no writes are sent; gates that need a write report "not run".'}

Options (each overrides the matching DUTYCLAIMS_* environment variable):
  --target mock|sandbox|production   where to run (DUTYCLAIMS_TARGET, default mock: the embedded reference mock)
  --base-url URL                     the DutyClaims host (DUTYCLAIMS_BASE_URL)
  --out DIR                          where to write the launch packet (DUTYCLAIMS_OUT_DIR, default ./launch-packet)
  --junit                            also write DIR/junit.xml for CI
  --json                             print the packet JSON instead of the summary
  --rotation                         after the golden path, rehearse key and webhook-secret rotation
                                     (DUTYCLAIMS_ROTATION=on; the old key's grace: DUTYCLAIMS_ROTATION_GRACE_SECONDS,
                                     skipped on the mock's clock, waited in real time on sandbox)
  --baseline FILE                    compare with an earlier launch-packet.json (the previous nightly run's artifact):
                                     the packet gets a "changes since the baseline" section, and drift that
                                     stops the cutover (contract, auth semantics, webhook delivery) exits 1
  --grade-report FILE                put a partner-integration grade report in the packet; repeatable.
                                     FILE is what \`grade-webhook --json > FILE\` or
                                     \`grade-client --json -- <command> > FILE\` wrote; it is checked before the run
${command === 'smoke' ? SMOKE_USAGE : ''}

Credentials, owners and webhook settings come from the environment only, so they stay out of
shell history: DUTYCLAIMS_API_KEY, DUTYCLAIMS_PARTNER_ORG_ID, DUTYCLAIMS_ROTATION_OWNER, ... (README).

Exit codes:
  0  every gate passed${command === 'smoke' ? ' (or was not run because the run is read-only)' : ''}, and no grade check failed
  1  a gate failed${command === 'rehearse' ? ' or was not run' : ''}, a check in a --grade-report failed,
     a check of the nightly watch failed, or drift since --baseline stops the cutover
     (grades never change the packet verdict, only this exit code)
  2  configuration error, or a --grade-report file that is unreadable or not a grade report`;

/** `rehearse` and `smoke`: run the gates, print progress and a summary, write the packet. */
export async function runRehearseCommand(
  command: 'rehearse' | 'smoke',
  argv: readonly string[],
  io: CliIo,
): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      target: { type: 'string' },
      'base-url': { type: 'string' },
      out: { type: 'string' },
      junit: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      rotation: { type: 'boolean', default: false },
      'grade-report': { type: 'string', multiple: true },
      baseline: { type: 'string' },
      help: { type: 'boolean', default: false },
      ...(command === 'smoke' ? SMOKE_FLAGS : {}),
    },
  });
  if (values.help) {
    io.out(rehearseUsage(command));
    return ExitCode.ok;
  }
  // The rehearsal, the mock, the client and the packet renderers load only for a run, not for --help.
  const { runRehearsal } = await loadRehearseRun();
  return runRehearsal(command, argv, values, io);
}

/**
 * Where the bin's build put the run's bundle, relative to this command's chunk; only that build
 * (scripts/bundle-entries.mjs) defines it, so tsc's output and source runs import the modules and never
 * pick up a bundle left over from an earlier build.
 */
declare const __DUTYCLAIMS_REHEARSAL_BUNDLE__: string | undefined;

/**
 * V8 flags of the run's process. The client parses responses with undici's llhttp, compiled to
 * WebAssembly; after a few dozen responses V8 recompiles the parser with TurboFan on a background
 * thread (~290 ms of CPU on this parser), and Node waits for that job before the process may exit:
 * 40-110 ms after the run's last line (issue 16: `rehearse` wall). V8's baseline compile parses a
 * rehearsal's few responses fast enough, so the run keeps it.
 */
export const REHEARSAL_V8_FLAGS: readonly string[] = ['--liftoff-only'];

/**
 * The built-ins a run loads that the CLI has not loaded by then (the mock's listen loads cluster), loaded
 * before REHEARSAL_V8_FLAGS so they compile with Node's code cache; test/cli/built-rehearsal.test.ts
 * checks that a run loads no other built-in after the flags.
 */
export const REHEARSAL_BUILTINS: readonly string[] = [
  'fs/promises',
  'os',
  'crypto',
  'assert',
  'http',
  'timers/promises',
  'child_process',
  'perf_hooks',
  'dns',
  'cluster',
];

/**
 * The run's code. The built bin has it as one CommonJS bundle with zod, undici and canonicalize inlined
 * and V8's code cache beside it: a cold `rehearse` spent ~150 ms compiling ~200 ES modules and resolving
 * undici's files one by one (issue 16: `rehearse` wall). Elsewhere the modules load as usual.
 */
async function loadRehearseRun(): Promise<typeof import('../rehearse-run.js')> {
  const bundle =
    typeof __DUTYCLAIMS_REHEARSAL_BUNDLE__ === 'string'
      ? new URL(__DUTYCLAIMS_REHEARSAL_BUNDLE__, import.meta.url)
      : null;
  return loadCommandBundle(bundle, () => import('../rehearse-run.js'), {
    v8Flags: REHEARSAL_V8_FLAGS,
    builtinsFirst: REHEARSAL_BUILTINS,
  });
}
