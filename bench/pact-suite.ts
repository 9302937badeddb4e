// `npm run test:pact` as a figure of the bench: the wall time of each Pact project, with vitest's own
// split (import of the test modules, the tests themselves). Figures, never assertions.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VITEST = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));

export interface PactProjectFigure {
  readonly project: string;
  readonly wallMs: number;
  /** vitest's "Duration" line without colours, e.g. `6.1s (transform 0.9s, import 2.0s, tests 1.2s …)`. */
  readonly duration: string;
  readonly passed: boolean;
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

function runProject(project: string): Promise<PactProjectFigure> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [VITEST, 'run', '--project', project], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', PACT_DO_NOT_TRACK: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', (code) => {
      const line = output.replace(ANSI, '').match(/Duration\s+(.+)/);
      resolve({ project, wallMs: performance.now() - started, duration: line?.[1]?.trim() ?? '?', passed: code === 0 });
    });
  });
}

/** Runs `test:pact`'s two projects in its order (the provider verifies what the consumer wrote) and prints them. */
export async function pactSuiteFigures(): Promise<void> {
  const consumer = await runProject('pact-consumer');
  const provider = await runProject('pact-provider');
  const total = consumer.wallMs + provider.wallMs;
  console.log(`npm run test:pact: ${(total / 1000).toFixed(1)} s wall`);
  for (const figure of [consumer, provider])
    console.log(
      `  ${figure.project.padEnd(14)} ${(figure.wallMs / 1000).toFixed(1).padStart(5)} s  vitest: ${figure.duration}${figure.passed ? '' : '  (FAILED: the figure is not comparable)'}`,
    );
}
