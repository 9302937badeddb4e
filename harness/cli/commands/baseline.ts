import { isPacketFileError } from '../../drift/errors.js';
import { readPacketFile } from '../../drift/read-packet.js';
import type { LaunchPacket } from '../../packet/schema.js';

/** Reads --baseline before the run, so a bad file costs nothing; its problem joins the other input problems. */
export async function readBaseline(
  file: string | undefined,
): Promise<{ packet: LaunchPacket | null; problem: string | null }> {
  if (file === undefined) return { packet: null, problem: null };
  try {
    return { packet: await readPacketFile(file), problem: null };
  } catch (error) {
    if (!isPacketFileError(error)) throw error;
    return { packet: null, problem: error.message };
  }
}
