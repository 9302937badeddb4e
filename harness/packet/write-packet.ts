import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type PacketLeak, PacketSecretLeakError } from './errors.js';
import { renderHtml } from './render-html.js';
import { renderJunit } from './render-junit.js';
import { renderMarkdown } from './render-markdown.js';
import type { LaunchPacket } from './schema.js';
import { findSecrets } from './secret-scan.js';
import { validateLaunchPacket } from './validate-packet.js';

/** What the caller may pass to writeLaunchPacket. */
export interface WritePacketOptions {
  /** Also write `junit.xml` for CI. Default false. */
  readonly junit?: boolean | undefined;
  /** Full secrets the run used (API keys, signing and client secrets); the writer refuses any file containing one. */
  readonly secrets?: readonly string[] | undefined;
}

/** WritePacketOptions with every default applied. */
export interface ResolvedWritePacketOptions {
  readonly junit: boolean;
  readonly secrets: readonly string[];
}

export const DEFAULT_WRITE_PACKET_OPTIONS: ResolvedWritePacketOptions = { junit: false, secrets: [] };

/** The file names the writer uses inside the output directory. */
export const PACKET_FILE_NAMES = {
  json: 'launch-packet.json',
  markdown: 'launch-packet.md',
  html: 'launch-packet.html',
  junit: 'junit.xml',
} as const;

/** Absolute paths of the files written; `junit` is null unless it was asked for. */
export interface WrittenPacket {
  readonly json: string;
  readonly markdown: string;
  readonly html: string;
  readonly junit: string | null;
}

const resolveOptions = (options: WritePacketOptions): ResolvedWritePacketOptions => ({
  junit: options.junit ?? DEFAULT_WRITE_PACKET_OPTIONS.junit,
  secrets: [...(options.secrets ?? DEFAULT_WRITE_PACKET_OPTIONS.secrets)],
});

/** Writes to a temporary name first, so a reader never sees half a file. */
function writeWhole(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text, 'utf8');
  renameSync(temporary, path);
}

/**
 * Validates the packet, renders JSON, Markdown, HTML (and JUnit XML when asked), scans every rendered
 * text for secrets and only then writes them to `outDir`, removing a `junit.xml` of an earlier run
 * when none is asked for. Throws PacketValidationError or PacketSecretLeakError, in which case
 * nothing is written.
 * @example const written = await writeLaunchPacket(packet, './launch-packet', { junit: true, secrets: [apiKey] });
 */
export async function writeLaunchPacket(
  packet: LaunchPacket,
  outDir: string,
  options: WritePacketOptions = {},
): Promise<WrittenPacket> {
  const { junit, secrets } = resolveOptions(options);
  const valid = validateLaunchPacket(packet);
  const dir = resolve(outDir);
  const path = (name: string) => join(dir, name);
  const rendered: { path: string; text: string }[] = [
    { path: path(PACKET_FILE_NAMES.json), text: `${JSON.stringify(valid, null, 2)}\n` },
    { path: path(PACKET_FILE_NAMES.markdown), text: renderMarkdown(valid) },
    { path: path(PACKET_FILE_NAMES.html), text: renderHtml(valid) },
    ...(junit ? [{ path: path(PACKET_FILE_NAMES.junit), text: renderJunit(valid) }] : []),
  ];
  const leaks: PacketLeak[] = rendered
    .map((file) => ({ file: file.path, findings: findSecrets(file.text, secrets) }))
    .filter((leak) => leak.findings.length > 0);
  const [firstLeak, ...otherLeaks] = leaks;
  if (firstLeak) throw new PacketSecretLeakError([firstLeak, ...otherLeaks]);
  // Synchronous on purpose: a packet is ~100 KB in a handful of files, written once at the end of a
  // run, where each awaited step (open, write, close, rename) waited its turn behind the run's
  // leftover work and garbage collection: 5-20 ms of every `rehearse` (issue 16), for ~1 ms of I/O.
  mkdirSync(dir, { recursive: true });
  for (const file of rendered) writeWhole(file.path, file.text);
  // A junit.xml from an earlier run would sit beside this packet and tell CI another story.
  if (!junit) rmSync(path(PACKET_FILE_NAMES.junit), { force: true });
  return {
    json: path(PACKET_FILE_NAMES.json),
    markdown: path(PACKET_FILE_NAMES.markdown),
    html: path(PACKET_FILE_NAMES.html),
    junit: junit ? path(PACKET_FILE_NAMES.junit) : null,
  };
}
