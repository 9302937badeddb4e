import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unwritableDirectory } from '../../test/support/unwritable-directory.js';
import { checkPaths } from './check-paths.js';

const problemsFor = (outDir: string, pactDir?: string) => {
  const problems: string[] = [];
  checkPaths({ DUTYCLAIMS_OUT_DIR: outDir, DUTYCLAIMS_PACT_DIR: pactDir }, problems);
  return problems;
};

describe('checkPaths', () => {
  it('accepts a new directory and leaves nothing behind', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'dc-paths-')), 'a', 'b');
    expect(problemsFor(dir)).toEqual([]);
    expect(existsSync(join(dir, '..'))).toBe(false);
  });

  it('refuses an out dir that is a file, or lies under one', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'dc-paths-')), 'packet.txt');
    writeFileSync(file, 'x');
    expect(problemsFor(file)).toEqual([expect.stringMatching(/exists and is not a directory/)]);
    expect(problemsFor(join(file, 'sub', 'dir'))).toEqual([
      expect.stringMatching(/DUTYCLAIMS_OUT_DIR \(--out\): .* is under .*packet\.txt, which is a file/),
    ]);
  });

  const unwritable = unwritableDirectory();
  it.skipIf(unwritable === null)('refuses an out dir this user cannot write to', () => {
    expect(problemsFor(unwritable ?? '')).toEqual([
      expect.stringMatching(/DUTYCLAIMS_OUT_DIR \(--out\): cannot write the launch packet to .* \(E[A-Z]+\)/),
    ]);
  });

  it('refuses a pact dir that is not a directory', () => {
    expect(problemsFor(tmpdir(), '/nonexistent/pacts')).toEqual([
      expect.stringMatching(/DUTYCLAIMS_PACT_DIR: .* is not a directory/),
    ]);
  });
});
