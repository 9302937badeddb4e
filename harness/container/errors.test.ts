import { describe, expect, it } from 'vitest';
import { isReferenceMockContainerError, ReferenceMockContainerError } from './errors.js';

describe('ReferenceMockContainerError', () => {
  it('appends the container output to the message and keeps the context', () => {
    const error = new ReferenceMockContainerError('MOCK_CONTAINER_ERR_EXITED', 'It exited.', {
      image: 'img:test',
      containerId: 'abc',
      exitCode: 1,
      logsTail: '  EADDRINUSE\n',
    });
    expect(error.message).toBe('It exited.\nLast container output:\nEADDRINUSE');
    expect([error.name, error.code, error.image, error.containerId, error.exitCode]).toEqual([
      'ReferenceMockContainerError',
      'MOCK_CONTAINER_ERR_EXITED',
      'img:test',
      'abc',
      1,
    ]);
  });

  it('is recognised by name, so a second copy of the module still matches', () => {
    const foreign = Object.assign(new Error('x'), { name: 'ReferenceMockContainerError' });
    expect(isReferenceMockContainerError(foreign)).toBe(true);
    expect(isReferenceMockContainerError(new Error('x'))).toBe(false);
  });
});
