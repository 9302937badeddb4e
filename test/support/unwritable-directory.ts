import { chmodSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A directory path this process cannot create or write to, whoever it runs as; null where the
 * platform offers none. root writes through permission bits, but not into sysfs.
 */
export function unwritableDirectory(): string | null {
  if (process.platform === 'win32') return null;
  if (process.getuid?.() === 0) return existsSync('/sys/kernel') ? '/sys/dutyclaims-launch-packet' : null;
  const dir = mkdtempSync(join(tmpdir(), 'dc-readonly-'));
  chmodSync(dir, 0o555);
  return join(dir, 'packet');
}
