import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClientFlaw } from './flaws.js';

const here = dirname(fileURLToPath(import.meta.url));

/** The TypeScript reference client's entry point. */
export const NODE_CLIENT_PATH = join(here, 'main.ts');
/** The shell reference client's script (bash, curl and awk). */
export const SHELL_CLIENT_PATH = join(here, '..', 'shell', 'client.sh');
/** The Python reference client's script. */
export const PYTHON_CLIENT_PATH = join(here, '..', 'python', 'client.py');

const flagsOf = (flaws: readonly string[]) => flaws.flatMap((flaw) => ['--flaw', flaw]);

/** The command that runs the TypeScript reference client (through tsx) with the given flaws. */
export const nodeClientCommand = (flaws: readonly ClientFlaw[] = []): string[] => [
  process.execPath,
  '--import',
  'tsx',
  NODE_CLIENT_PATH,
  ...flagsOf(flaws),
];

/** The command that runs the Python reference client (standard library only) with the given flaws. */
export const pythonClientCommand = (flaws: readonly ClientFlaw[] = [], python = 'python3'): string[] => [
  python,
  PYTHON_CLIENT_PATH,
  ...flagsOf(flaws),
];

/** The command that runs the shell reference client (one curl per attempt, one sleep per retry). */
export const shellClientCommand = (): string[] => ['bash', SHELL_CLIENT_PATH];
