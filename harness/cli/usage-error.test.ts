import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { expandShortHelp, UsageError, usageErrorMessage } from './usage-error.js';

describe('usageErrorMessage', () => {
  it('gives the message of a UsageError and of an option parseArgs refuses', () => {
    expect(usageErrorMessage(new UsageError('--port must be 0-65535, got "x".'))).toBe(
      '--port must be 0-65535, got "x".',
    );
    let refused: unknown;
    try {
      parseArgs({ args: ['--nope'], options: {} });
    } catch (error) {
      refused = error;
    }
    expect(usageErrorMessage(refused)).toMatch(/Unknown option '--nope'/);
  });

  it('is null for any other error, so the CLI does not word a crash as bad input', () => {
    expect(usageErrorMessage(new Error('socket hang up'))).toBeNull();
    expect(usageErrorMessage(new TypeError('x is not a function'))).toBeNull();
    expect(usageErrorMessage('a string')).toBeNull();
  });
});

describe('expandShortHelp', () => {
  it('reads -h as --help, except in the partner command after --', () => {
    expect(expandShortHelp(['-h'])).toEqual(['--help']);
    expect(expandShortHelp(['--port', '0', '-h'])).toEqual(['--port', '0', '--help']);
    expect(expandShortHelp(['--', 'node', 'client.js', '-h'])).toEqual(['--', 'node', 'client.js', '-h']);
  });
});
