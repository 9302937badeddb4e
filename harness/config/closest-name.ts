/** Levenshtein distance: the fewest single-character edits that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidate a person most likely meant by `name` (compared case-insensitively), or null when
 * none is close enough to suggest: at most a third of the name may differ, and never more than 5 edits.
 * @example closestName('TARGT', ['TARGET', 'OUT_DIR']) // 'TARGET'
 */
export function closestName(name: string, candidates: readonly string[]): string | null {
  const wanted = name.toUpperCase();
  let best: { candidate: string; distance: number } | null = null;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, candidate.toUpperCase());
    if (best === null || distance < best.distance) best = { candidate, distance };
  }
  if (best === null) return null;
  const allowed = Math.min(5, Math.max(2, Math.floor(wanted.length / 3)));
  return best.distance <= allowed ? best.candidate : null;
}
