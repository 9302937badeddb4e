/** Why a packet file could not be used as a baseline or a side of `diff`. */
export type PacketFileProblem = 'unreadable' | 'not_json' | 'not_a_packet';

/** A packet file given to `diff` or `smoke --baseline` is unreadable, not JSON, or not a launch packet. */
export class PacketFileError extends Error {
  override readonly name = 'PacketFileError' as const;
  readonly code = 'DC_ERR_PACKET_FILE' as const;
  readonly file: string;
  readonly problem: PacketFileProblem;

  constructor(file: string, problem: PacketFileProblem, detail: string) {
    super(
      `${file} cannot be compared: ${detail} Give the launch-packet.json a run wrote (for a nightly run: the previous run's artifact).`,
    );
    this.file = file;
    this.problem = problem;
  }
}

export const isPacketFileError = (error: unknown): error is PacketFileError =>
  error instanceof Error && error.name === 'PacketFileError';
