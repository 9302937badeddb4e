import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRelativePath } from './artifacts.js';

describe('runRelativePath', () => {
  it('shows a path below the run directory relative to it, and any other path as given', () => {
    expect(runRelativePath(join('/work/acme', 'contract', 'openapi.json'), '/work/acme')).toBe(
      join('contract', 'openapi.json'),
    );
    expect(runRelativePath('/etc/openapi.json', '/work/acme')).toBe('/etc/openapi.json');
    expect(runRelativePath('/work/acme-other/openapi.json', '/work/acme')).toBe('/work/acme-other/openapi.json');
    expect(runRelativePath('/work/acme', '/work/acme')).toBe('/work/acme');
  });
});
