// The build's warm-up run of the reference mock's container entry: starts it on a free loopback port
// with DUTYCLAIMS_WRITE_CODE_CACHE=1, asks what a first client asks (health, an unauthenticated
// request, an unknown route), stops it with SIGTERM and checks it wrote `<bundle>.cache` on exit
// (harness/code-cache/run-bundle.ts). A mock that cannot start or answer fails the build here.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The loader's own names for the cache file and the switch, from the tree the bundle belongs to (built
 * by tsc just before this runs): dist/ for the package, the image's staged copy for docker/build-image.sh.
 */
const loaderOf = (bundle) => import(pathToFileURL(join(dirname(bundle), '../code-cache/run-bundle.js')).href);

const WARM_UP_REQUESTS = [
  { path: '/health', status: 200 },
  { path: '/v1/partner-organizations/org_warm_up', status: 401 },
  { path: '/no-such-route', status: 404 },
];
const TIMEOUT_MS = 60_000;

export async function warmCodeCache(entry, bundle) {
  const { codeCachePath, WRITE_CODE_CACHE_ENV } = await loaderOf(bundle);
  const cacheFile = codeCachePath(bundle);
  rmSync(cacheFile, { force: true });
  const child = spawn(process.execPath, [entry], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DUTYCLAIMS_MOCK_PORT: '0',
      DUTYCLAIMS_MOCK_HOST: '127.0.0.1',
      DUTYCLAIMS_MOCK_ALLOW_UNAUTHENTICATED_CONTROL: '1',
      [WRITE_CODE_CACHE_ENV]: '1',
    },
  });
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
  try {
    const url = await new Promise((resolve, reject) => {
      const onData = (chunk) => {
        output += chunk;
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match) resolve(match[1]);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      void exited.then(() => reject(new Error('exited before listening')));
    });
    for (const { path, status } of WARM_UP_REQUESTS) {
      const res = await fetch(new URL(path, url));
      await res.arrayBuffer();
      if (res.status !== status) throw new Error(`GET ${path} answered ${res.status}, expected ${status}`);
    }
    child.kill('SIGTERM');
    const { code, signal } = await exited;
    if (code !== 0) throw new Error(`exited with ${code ?? signal} on SIGTERM`);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(
      `warm-code-cache: the reference mock's entry ${entry} failed its warm-up run: ${error.message}\n${output}`,
    );
  } finally {
    clearTimeout(timer);
  }
  if (!existsSync(cacheFile)) throw new Error(`warm-code-cache: the warm-up run wrote no ${cacheFile}`);
  return statSync(cacheFile).size;
}

/** What the warm-up rehearsal keeps of the building shell's environment: enough to run Node, nothing else. */
const WARM_UP_ENV = ['PATH', 'HOME', 'TMPDIR', 'TMP', 'TEMP', 'LANG', 'SystemRoot'];

/**
 * The build's warm-up run of `rehearse`: the built bin rehearses the golden path on the embedded mock
 * with DUTYCLAIMS_WRITE_CODE_CACHE=1, so the run's bundle writes `<bundle>.cache` on exit. It sees
 * none of the building shell's settings (a DUTYCLAIMS_* variable, a misspelt one the harness refuses,
 * NODE_OPTIONS): the warm-up never talks to a real host and always runs the same way.
 */
export async function warmRehearsalCodeCache(bin, bundle) {
  const { codeCachePath, WRITE_CODE_CACHE_ENV } = await loaderOf(bundle);
  const cacheFile = codeCachePath(bundle);
  rmSync(cacheFile, { force: true });
  const out = mkdtempSync(join(tmpdir(), 'dutyclaims-warm-up-'));
  const env = Object.fromEntries(
    WARM_UP_ENV.flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name]]])),
  );
  const child = spawn(process.execPath, [bin, 'rehearse', '--target', 'mock', '--out', out], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...env, NO_COLOR: '1', [WRITE_CODE_CACHE_ENV]: '1' },
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
  const { code, signal } = await new Promise((resolve) =>
    child.once('exit', (exitCode, exitSignal) => resolve({ code: exitCode, signal: exitSignal })),
  );
  clearTimeout(timer);
  rmSync(out, { recursive: true, force: true });
  if (code !== 0)
    throw new Error(
      `warm-code-cache: \`${bin} rehearse\` on the embedded mock exited with ${code ?? signal}:\n${output}`,
    );
  if (!existsSync(cacheFile)) throw new Error(`warm-code-cache: the rehearsal's warm-up run wrote no ${cacheFile}`);
  return statSync(cacheFile).size;
}
