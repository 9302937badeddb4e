import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../contract/package-root.js';
import { KNOWN_ENV_NAMES, unknownEnvProblems } from './known-env.js';

/** Every file a DUTYCLAIMS_* name could be read or documented in, tests aside (they use made-up names). */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (['node_modules', 'dist', '.git', 'fixtures', 'launch-packet'].includes(name)) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|mjs|sh|py|md)$|^run$|^Dockerfile$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('unknownEnvProblems', () => {
  it('refuses a misspelt setting and suggests the closest known name, never showing the value', () => {
    const problems = unknownEnvProblems({ DUTYCLAIMS_TARGT: 'sandbox', DUTYCLAIMS_API_KY: 'dc_live_secretvalue' });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^DUTYCLAIMS_API_KY .*Did you mean DUTYCLAIMS_API_KEY\?/);
    expect(problems[1]).toMatch(/^DUTYCLAIMS_TARGT .*Did you mean DUTYCLAIMS_TARGET\?/);
    expect(problems.join()).not.toMatch(/sandbox|secretvalue/);
  });

  it('catches wrong case and a mangled prefix, and names no suggestion when none is close', () => {
    const problems = unknownEnvProblems({
      dutyclaims_target: 'sandbox',
      DUTYCLAIM_BASE_URL: 'https://x.example',
      DUTY_CLAIMS_OUT_DIR: 'out',
      DUTYCLIAMS_API_KEY: 'k',
      DUTYCLAIMS_SOMETHING_ELSE_ENTIRELY: '1',
    });
    expect(problems.join('\n')).toMatch(/dutyclaims_target .*Did you mean DUTYCLAIMS_TARGET\?/);
    expect(problems.join('\n')).toMatch(/DUTYCLAIM_BASE_URL .*Did you mean DUTYCLAIMS_BASE_URL\?/);
    expect(problems.join('\n')).toMatch(/DUTY_CLAIMS_OUT_DIR .*Did you mean DUTYCLAIMS_OUT_DIR\?/);
    expect(problems.join('\n')).toMatch(/DUTYCLIAMS_API_KEY .*Did you mean DUTYCLAIMS_API_KEY\?/);
    expect(problems.find((problem) => problem.startsWith('DUTYCLAIMS_SOMETHING_ELSE_ENTIRELY'))).not.toMatch(
      /Did you mean/,
    );
  });

  it('accepts every name the package reads and leaves other variables alone', () => {
    const env = Object.fromEntries(KNOWN_ENV_NAMES.map((name) => [name, 'x']));
    const others = { HOME: '/root', CI: 'true', PACT_BROKER_TOKEN: 't', CLAIMS_BASE_URL: 'x', DUTY_FREE_LIMIT: '1' };
    expect(unknownEnvProblems({ ...env, ...others })).toEqual([]);
  });

  it('knows every DUTYCLAIMS_* name that the code, scripts and docs of this package use', () => {
    const root = packageRoot();
    const used = new Map<string, string>();
    for (const file of sourceFiles(root))
      for (const [name] of readFileSync(file, 'utf8').matchAll(/\bDUTYCLAIMS_[A-Z0-9_]*[A-Z0-9]\b/g))
        used.set(name, relative(root, file));
    // The prefix of a family ("DUTYCLAIMS_MOCK_*", "DUTYCLAIMS_OAUTH_*") is not a name.
    const family = (name: string) => KNOWN_ENV_NAMES.some((known) => known.startsWith(`${name}_`));
    const unknown = [...used].filter(([name]) => !KNOWN_ENV_NAMES.includes(name) && !family(name));
    expect(unknown, 'add each to harness/config/known-env.ts (or HarnessEnv)').toEqual([]);
    expect(used.size).toBeGreaterThan(30);
  });
});
