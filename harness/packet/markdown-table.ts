/** One Markdown table row; cells must already be escaped. */
export const markdownRow = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

/** A Markdown table: header, separator, rows; cells must already be escaped. */
export const markdownTable = (head: readonly string[], rows: readonly (readonly string[])[]): string[] => [
  markdownRow(head),
  markdownRow(head.map(() => '---')),
  ...rows.map(markdownRow),
];
