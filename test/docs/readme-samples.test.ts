import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('README code samples come from files that tests run', () => {
  it('shows the partner test file exactly as examples/partner-project has it (CI runs that project)', () => {
    expect(read('README.md')).toContain(read('examples/partner-project/launch/launch-gates.test.ts'));
  });

  it('gives the two first-screen commands, and .ci/run calls the same test command', () => {
    const firstScreen = read('README.md').split('\n').slice(0, 20).join('\n');
    expect(firstScreen).toContain('npm ci && npx dutyclaims-launch rehearse');
    expect(firstScreen).toMatch(/^npm test\b/m);
    expect(read('.ci/run')).toMatch(/^npm test$/m);
  });

  it('documents every environment variable the configuration schema reads', async () => {
    const { HarnessEnv } = await import('../../harness/config/index.js');
    const readme = read('README.md');
    for (const name of Object.keys(HarnessEnv.shape)) expect(readme, name).toContain(name);
  });
});
