import { readFile } from 'node:fs/promises';
import type { LaunchPacket } from '../packet/schema.js';
import { issuePath, safeParsePacket } from '../packet/validate-packet.js';
import { PacketFileError } from './errors.js';

/**
 * Reads a launch-packet.json written by `rehearse` or `smoke`. A packet of an older harness without a
 * provider snapshot still parses (its snapshot is null). Throws PacketFileError naming the file.
 * @example const baseline = await readPacketFile('previous/launch-packet.json');
 */
export async function readPacketFile(file: string): Promise<LaunchPacket> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new PacketFileError(
      file,
      'unreadable',
      `it cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PacketFileError(file, 'not_json', text.trim() === '' ? 'it is empty.' : 'it is not valid JSON.');
  }
  const parsed = safeParsePacket(json);
  if (!parsed.success) {
    const first = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issuePath(issue.path) || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new PacketFileError(file, 'not_a_packet', `it is not a launch packet (${first}).`);
  }
  return parsed.data;
}
