import { join } from 'node:path';

/** A vitest project name as one directory name. */
const safeDirName = (name: string): string => name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'project';

/**
 * Where a suite writes its packet: the configured directory, or, when the directory is the default
 * and vitest runs the suite in a named project, `<default>/<project>`, so two projects running the
 * gates never overwrite one packet.
 */
export function packetDirFor(outDir: string, outDirIsDefault: boolean, projectName: string | undefined): string {
  return outDirIsDefault && projectName ? join(outDir, safeDirName(projectName)) : outDir;
}
