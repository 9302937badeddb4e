import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { derivePersonas, startReferenceMock } from '../../harness/reference-mock/index.js';
import { call } from './support/http.js';

// The container entry as built (scripts/bundle-mock-entry.mjs): main.cjs (the image's) and main.js both
// run main.bundle.cjs, a CommonJS bundle with zod inlined, with the V8 code cache the build's warm-up
// run wrote beside it.
const entry = (name: string) => fileURLToPath(new URL(`../../dist/harness/reference-mock/${name}`, import.meta.url));
const RUN_BUNDLE = new URL('../../dist/harness/code-cache/run-bundle.js', import.meta.url).href;
const BUNDLE = new URL('../../dist/harness/reference-mock/main.bundle.cjs', import.meta.url).href;
const SEED = 'built-entry';

/** Starts a built entry on a free port; resolves with its URL once it printed it. */
function startBuiltMain(main: string) {
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      DUTYCLAIMS_MOCK_PORT: '0',
      DUTYCLAIMS_MOCK_SEED: SEED,
      DUTYCLAIMS_MOCK_ALLOW_UNAUTHENTICATED_CONTROL: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`${main} exited ${code} before listening: ${output}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

/** What a client sees of an answer: status, and the body without its per-request ids. */
const seen = async (base: string, method: string, path: string, body?: unknown) => {
  const token = derivePersonas(SEED).sandbox.apiKey;
  const response = await call(
    base,
    method,
    path,
    body === undefined ? { token } : { token, body, idempotencyKey: `built-entry-${path}` },
  );
  const { requestId: _requestId, correlationId: _correlationId, ...error } = response.json.error ?? {};
  return { status: response.status, json: response.json.error ? { error } : response.json };
};

describe('the built container entry (bundled)', { timeout: 90_000 }, () => {
  it.each(['main.cjs', 'main.js'])(
    '%s answers as the mock in process does, zod messages in English included',
    async (name) => {
      const built = startBuiltMain(entry(name));
      await using inProcess = await startReferenceMock({ seed: SEED });
      try {
        const url = await built.url;
        const messages: string[] = [];
        for (const [method, path, body] of [
          ['GET', '/health', undefined],
          ['POST', '/v1/clients', { externalRef: 7, name: '', country: 'Britain' }],
          ['POST', '/v1/claims', {}],
          ['GET', '/v1/claims/not-an-id/status', undefined],
        ] as const) {
          const answer = await seen(url, method, path, body);
          expect(answer, `${method} ${path}`).toEqual(await seen(inProcess.url, method, path, body));
          messages.push(JSON.stringify(answer.json));
        }
        // zod's English messages (the bundle keeps only that locale) reach the client.
        expect(messages.join('\n')).toMatch(/Invalid input: expected string, received number/);
      } finally {
        built.stop();
      }
    },
  );

  it('starts from the code cache the build wrote, on the Node that built it', async () => {
    // Runs the bundle as the entries do, reports whether V8 took the cache, and exits before serving.
    const script = `const { runBundle } = await import(${JSON.stringify(RUN_BUNDLE)});
const run = runBundle(new URL(${JSON.stringify(BUNDLE)}));
process.stdout.write(JSON.stringify({ usedCodeCache: run.usedCodeCache }));
process.exit(0);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, DUTYCLAIMS_MOCK_PORT: '0', DUTYCLAIMS_MOCK_ALLOW_UNAUTHENTICATED_CONTROL: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code, output).toBe(0);
    expect(JSON.parse(output)).toEqual({ usedCodeCache: true });
  });
});
