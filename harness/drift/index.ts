export { comparePackets } from './compare.js';
export { driftSection, driftStopsCutover } from './drift-section.js';
export type { PacketFileProblem } from './errors.js';
export { isPacketFileError, PacketFileError } from './errors.js';
export type { CompareOptions, ResolvedCompareOptions } from './options.js';
export { DEFAULT_COMPARE_OPTIONS, resolveCompareOptions } from './options.js';
export { readPacketFile } from './read-packet.js';
