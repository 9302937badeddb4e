import { isLoopbackHost } from './loopback.js';

/**
 * The start lines of a mock that listens beyond loopback: where this machine reaches it, and a
 * warning about who else can (and whether its control plane needs the token). Empty on loopback.
 */
export function exposureLines(
  options: { readonly host: string; readonly controlToken: string | null },
  url: string,
  listeningOn: string,
): string[] {
  if (isLoopbackHost(options.host)) return [];
  const lines = [];
  if (listeningOn !== url) lines.push(`  from this machine:   ${url}`);
  lines.push(
    `WARNING: listening beyond loopback (${options.host}): every machine that can reach this port can call the API with the seeded credentials.`,
    options.controlToken === null
      ? 'WARNING: the control plane (/_mock/) has NO token: any of them can reset the mock, inject faults and read the full credentials.'
      : '  the control plane (/_mock/) requires the control token (Authorization: Bearer <token>).',
  );
  return lines;
}
