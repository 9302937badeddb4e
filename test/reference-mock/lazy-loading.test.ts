import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const entry = new URL('../../dist/harness/reference-mock/index.js', import.meta.url).href;
// Prints every module Node loads (ESM and CommonJS alike) on stderr, one `LOADED <url>` line each.
const hooks = `data:text/javascript,${encodeURIComponent(
  "export async function load(url, context, next) { process.stderr.write('LOADED ' + url + '\\n'); return next(url, context); }",
)}`;

/** Runs `script` (ESM, after importing the built ./reference-mock as `mock`) in a fresh Node: the modules it loaded. */
function modulesLoaded(script = ''): string[] {
  const source = `
    import { register } from 'node:module';
    register(${JSON.stringify(hooks)});
    const mock = await import(${JSON.stringify(entry)});
    ${script}
  `;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', source], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return result.stderr
    .split('\n')
    .filter((line) => line.startsWith('LOADED '))
    .map((line) => line.slice('LOADED '.length));
}

const heavy = (loaded: readonly string[]) =>
  [
    ['zod', '/node_modules/zod/'],
    ['undici', '/node_modules/undici/'],
    ['the contract barrel', '/harness/contract/index.js'],
    ['the engine', '/harness/reference-mock/engine.js'],
  ]
    .filter(([, part]) => loaded.some((url) => url.includes(part as string)))
    .map(([name]) => name);

describe('importing ./reference-mock', { timeout: 60_000 }, () => {
  it('loads neither zod, undici, the contract schemas nor the engine, even to resolve and refuse options', () => {
    const loaded = modulesLoaded(`
      mock.resolveReferenceMockOptions({ port: 0, deviations: { dropBodyFields: { health: ['status'] } } });
      try { mock.resolveReferenceMockOptions({ port: -1 }); } catch (error) { if (!mock.isReferenceMockError(error)) throw error; }
      mock.derivePersonas('a-suite');
      mock.createReferenceMockControl('http://127.0.0.1:1');
    `);
    expect(loaded.some((url) => url.endsWith('/reference-mock/index.js'))).toBe(true);
    expect(heavy(loaded)).toEqual([]);
  });

  it('the check can fail: serving loads zod, the contract and the engine, but undici waits for the first webhook', () => {
    const loaded = modulesLoaded(`
      const started = await mock.startReferenceMock();
      const health = await fetch(started.url + '/health');
      if (health.status !== 200) throw new Error('health ' + health.status);
      await started.close();
    `);
    expect(heavy(loaded)).toEqual(['zod', 'the contract barrel', 'the engine']);
  });
});
