/**
 * The README's partner steps, read from the README itself so that the README and the test that runs
 * them cannot drift. A step is the fenced block right after a marker comment (invisible on GitHub
 * and npm):
 *
 *   <!-- partner: run -->                         each line of the block is a command, run in order
 *   <!-- partner: file launch/x.test.ts -->        the block is that file's content
 */
export type PartnerStep =
  | { readonly kind: 'run'; readonly command: string }
  | { readonly kind: 'file'; readonly path: string; readonly content: string };

const MARKED_BLOCK = /<!-- partner: (run|file (\S+)) -->\n```[^\n]*\n([\s\S]*?)```/g;

export function partnerSteps(readme: string): PartnerStep[] {
  const steps: PartnerStep[] = [];
  for (const [, kind, path, body = ''] of readme.matchAll(MARKED_BLOCK)) {
    if (kind === 'run') {
      for (const line of body.split('\n').map((text) => text.trim()))
        if (line !== '' && !line.startsWith('#')) steps.push({ kind: 'run', command: line });
    } else steps.push({ kind: 'file', path: path ?? '', content: body });
  }
  return steps;
}

/** Every Markdown link target of the README outside code blocks (`[text](target)`). */
export function readmeLinks(readme: string): string[] {
  const prose = readme.replace(/```[\s\S]*?```/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export const headingAnchors = (readme: string): Set<string> =>
  new Set(
    [...readme.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6} (.+)$/gm)].map((match) =>
      (match[1] ?? '')
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replace(/ /g, '-'),
    ),
  );

/**
 * Why a README link would not resolve for a partner who reads the README from the installed package
 * (npm shows it too), or null when it resolves: an absolute https URL, an anchor of a README heading,
 * or a file (or folder) the tarball ships.
 */
export function unresolvedLink(
  target: string,
  shipped: readonly string[],
  anchors: ReadonlySet<string>,
): string | null {
  if (/^https:\/\//.test(target)) {
    try {
      new URL(target);
      return null;
    } catch {
      return `${target} is not a valid URL`;
    }
  }
  if (target.startsWith('#')) return anchors.has(target.slice(1)) ? null : `${target} names no heading of the README`;
  if (/^[a-z]+:/i.test(target)) return `${target} is neither https nor a shipped file`;
  const path = target
    .replace(/^\.\//, '')
    .replace(/[#?].*$/, '')
    .replace(/\/$/, '');
  const found = shipped.some((file) => file === path || file.startsWith(`${path}/`));
  return found ? null : `${target} is not in the package: ship it (package.json "files") or link it absolutely`;
}
