import { describe, expect, it } from 'vitest';
import { demuxDockerLogs, readContainerLogs } from './container-logs.js';

const frame = (stream: 1 | 2, text: string) => {
  const payload = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

describe('demuxDockerLogs', () => {
  it('joins stdout and stderr frames in order, without the 8-byte headers', () => {
    const raw = Buffer.concat([
      frame(1, 'reference mock listening\n'),
      frame(2, 'boom: EADDRINUSE\n'),
      frame(1, 'bye\n'),
    ]);
    expect(demuxDockerLogs(raw)).toBe('reference mock listening\nboom: EADDRINUSE\nbye\n');
  });

  it('returns the output of a TTY container (no frames) unchanged', () => {
    expect(demuxDockerLogs(Buffer.from('plain output\n'))).toBe('plain output\n');
  });

  it('keeps what it could read when a frame is cut short', () => {
    const raw = frame(1, 'complete line\n');
    expect(demuxDockerLogs(raw.subarray(0, raw.length - 5))).toBe('complete ');
  });
});

describe('readContainerLogs', () => {
  it('asks for both streams without following, and the tail when given', async () => {
    const asked: unknown[] = [];
    const source = {
      logs: async (options: unknown) => {
        asked.push(options);
        return frame(1, 'x\n');
      },
    };
    expect(await readContainerLogs(source, 5)).toBe('x\n');
    expect(asked).toEqual([{ follow: false, stdout: true, stderr: true, tail: 5 }]);
  });
});
