import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packetDirFor } from './packet-dir.js';

describe('packetDirFor', () => {
  const root = join('/work', 'launch-packet');

  it('gives each vitest project its own directory under the default', () => {
    expect(packetDirFor(root, true, 'sandbox')).toBe(join(root, 'sandbox'));
    expect(packetDirFor(root, true, 'eu sandbox/../x')).toBe(join(root, 'eu-sandbox-..-x'));
    expect(packetDirFor(root, true, '..')).toBe(join(root, 'project'));
  });

  it('keeps the directory when there is no project or the user chose it', () => {
    expect(packetDirFor(root, true, undefined)).toBe(root);
    expect(packetDirFor(root, true, '')).toBe(root);
    expect(packetDirFor('/tmp/mine', false, 'sandbox')).toBe('/tmp/mine');
  });
});
