/** The styles the CLI uses, as ANSI SGR codes (open, close). */
const STYLES = {
  green: [32, 39],
  red: [31, 39],
  yellow: [33, 39],
  bold: [1, 22],
  dim: [2, 22],
} as const;

export type Style = keyof typeof STYLES;

/**
 * Whether to colour output: `NO_COLOR` (any non-empty value) turns it off, `FORCE_COLOR` turns it on
 * (`0` or `false` turns it off), otherwise only a terminal gets colour (no-color.org, and the
 * FORCE_COLOR convention of chalk and Node).
 */
export function colorEnabled(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return isTTY && env.TERM !== 'dumb';
}

/** A painter that wraps text in styles when colour is on, and leaves it alone otherwise. */
export function painter(enabled: boolean): (text: string, ...styles: readonly Style[]) => string {
  return (text, ...styles) =>
    enabled
      ? styles.reduce((painted, style) => `\x1b[${STYLES[style][0]}m${painted}\x1b[${STYLES[style][1]}m`, text)
      : text;
}
