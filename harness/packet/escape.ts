const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** XML 1.0's Char production: no NUL or most C0 controls, no lone surrogates, no U+FFFE/U+FFFF. */
const isXmlChar = (code: number): boolean =>
  code === 0x9 ||
  code === 0xa ||
  code === 0xd ||
  (code >= 0x20 && code <= 0xd7ff) ||
  (code >= 0xe000 && code <= 0xfffd) ||
  (code >= 0x10000 && code <= 0x10ffff);

const xmlChars = (value: string): string => {
  let out = '';
  for (const char of value) out += isXmlChar(char.codePointAt(0) ?? 0) ? char : '\uFFFD';
  return out;
};

/** Escapes text for HTML element content and quoted attribute values. */
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);

/** Escapes text for XML content and attributes, replacing characters XML cannot represent with U+FFFD. */
export const escapeXml = (value: string): string => escapeHtml(xmlChars(value));

/** HTML that is already escaped; only `html` and `rawHtml` make one. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const render = (value: HtmlValue): string => {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
};

/** Template tag that escapes every interpolated value unless it is already SafeHtml. */
export const html = (strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml =>
  new SafeHtml(
    strings.reduce(
      (out, part, index) => out + part + (index < values.length ? render(values[index] as HtmlValue) : ''),
      '',
    ),
  );

/** Marks trusted markup (the stylesheet) as safe. Never pass packet values here. */
export const rawHtml = (markup: string): SafeHtml => new SafeHtml(markup);

/**
 * Escapes text for a Markdown paragraph or table cell: inline syntax, table pipes and line breaks.
 * An underscore between two letters or digits cannot start or end emphasis, so ids such as
 * `req_01k7` stay readable in the raw file.
 */
export const escapeMarkdown = (value: string): string =>
  value.replace(/[\\`*[\]<|]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, (char) => `\\${char}`).replace(/\r?\n/g, ' ');

/** Renders a value as a Markdown code span, safe inside a table cell. */
export const markdownCode = (value: string): string => {
  const text = value.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return text.length === 0 ? '' : `${fence}${pad}${text}${pad}${fence}`;
};
