import { isPacketFileError } from '../drift/errors.js';
import { readPacketFile } from '../drift/read-packet.js';
import { appendHistory, historyEntry } from '../history/history-file.js';
import type { LaunchPacket } from '../packet/schema.js';

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

/** Appends the run to the history beside its packet; returns the lines to show (the file, or why not). */
export async function recordHistory(packet: LaunchPacket, outDir: string, skipped: number): Promise<string[]> {
  const notes =
    skipped > 0 ? [`  history: skipped ${skipped} unreadable line${skipped === 1 ? '' : 's'} of the earlier runs`] : [];
  try {
    return [`  history: ${await appendHistory(outDir, historyEntry(packet))}`, ...notes];
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return [`  history: could not append this run in ${outDir} (${code}); the packet is written.`, ...notes];
  }
}
