import { spawn } from 'node:child_process';
import { MockImageError } from './errors.js';

/**
 * Runs the image builder with `args`, passing each line it prints to `onLine`, and resolves with its
 * exit code. A builder that is not installed is a MockImageError (MOCK_IMAGE_ERR_NO_BUILDER).
 */
export function runBuilder(
  builder: string,
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  onLine: (line: string) => void,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(builder, [...args], { env: { ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout, child.stderr]) {
      let pending = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const lines = (pending + chunk).split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) onLine(line);
      });
      stream.on('end', () => {
        if (pending) onLine(pending);
      });
    }
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT')
        reject(
          new MockImageError(
            'MOCK_IMAGE_ERR_NO_BUILDER',
            `"${builder}" is not installed or not on PATH. Install Docker (https://docs.docker.com/engine/install/), pass --builder podman, or write the context with --context-only DIR and build it with your own tool.`,
          ),
        );
      else reject(error);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
