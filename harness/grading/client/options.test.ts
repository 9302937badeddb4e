import { describe, expect, it } from 'vitest';
import { isClientGradeConfigError } from './errors.js';
import { type ClientGradeOptions, resolveClientGradeOptions } from './options.js';

const fieldOf = (options: ClientGradeOptions) => {
  try {
    resolveClientGradeOptions(options);
  } catch (error) {
    if (isClientGradeConfigError(error)) return { field: error.field, message: error.message };
    throw error;
  }
  return null;
};

describe('resolveClientGradeOptions', () => {
  it('applies the defaults and holds a read for twice the declared timeout plus a second', () => {
    const resolved = resolveClientGradeOptions({ command: ['python3', 'client.py'], timeoutMs: 500 });
    expect(resolved).toMatchObject({
      command: ['python3', 'client.py'],
      timeoutMs: 500,
      maxConcurrency: null,
      commandTimeoutMs: 60_000,
      pageSize: 5,
      deliveries: 12,
      holdMs: 2000,
      cwd: null,
    });
  });

  it('holds no read when no timeout is declared', () => {
    expect(resolveClientGradeOptions({ command: ['x'], holdMs: 5000 }).holdMs).toBeNull();
  });

  it('does not touch the caller object', () => {
    const env = { EXTRA: '1' };
    const options = { command: ['x'], env };
    const resolved = resolveClientGradeOptions(options);
    expect(resolved.env).not.toBe(env);
    expect(options).toEqual({ command: ['x'], env: { EXTRA: '1' } });
  });

  it.each([
    [{ command: [] }, 'command', /after `--`|-- python3/],
    [{ command: [' '] }, 'command', /command/],
    [{ command: ['x'], timeoutMs: 0 }, 'timeoutMs', /--timeout-ms 500/],
    [{ command: ['x'], maxConcurrency: 1.5 }, 'maxConcurrency', /whole number/],
    [{ command: ['x'], pageSize: 101 }, 'pageSize', /1 to 100/],
    [{ command: ['x'], pageSize: 10, deliveries: 10 }, 'deliveries', /more than one page/],
    [{ command: ['x'], timeoutMs: 1000, holdMs: 1200 }, 'holdMs', /must exceed the declared timeout/],
  ] as const)('rejects %j, naming the field and the fix', (options, field, message) => {
    const problem = fieldOf(options as ClientGradeOptions);
    expect(problem?.field).toBe(field);
    expect(problem?.message).toMatch(message);
  });
});
