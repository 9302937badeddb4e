/** The part of a Docker container (dockerode's `Container`) that log reading needs. */
export interface LogSource {
  logs(options: { follow?: false; stdout: boolean; stderr: boolean; tail?: number }): Promise<Buffer>;
}

/**
 * Splits Docker's multiplexed log stream (8-byte frame header: stream type, 3 zero bytes, big-endian
 * length) into text. A container with a TTY sends plain bytes; those come back unchanged.
 */
export function demuxDockerLogs(raw: Uint8Array): string {
  const buffer = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const chunks: Buffer[] = [];
  let offset = 0;
  while (offset < buffer.length) {
    const type = buffer[offset];
    const framed =
      offset + 8 <= buffer.length &&
      (type === 0 || type === 1 || type === 2) &&
      buffer[offset + 1] === 0 &&
      buffer[offset + 2] === 0 &&
      buffer[offset + 3] === 0;
    if (!framed) return offset === 0 ? buffer.toString('utf8') : Buffer.concat(chunks).toString('utf8');
    const length = buffer.readUInt32BE(offset + 4);
    chunks.push(buffer.subarray(offset + 8, Math.min(offset + 8 + length, buffer.length)));
    offset += 8 + length;
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a container's stdout and stderr so far as text (its last `tail` lines when given). */
export async function readContainerLogs(container: LogSource, tail?: number): Promise<string> {
  const raw = await container.logs({
    follow: false,
    stdout: true,
    stderr: true,
    ...(tail === undefined ? {} : { tail }),
  });
  return demuxDockerLogs(raw);
}
