/** A column: its heading and how to show a row's value in it. */
export type Column<Row> = [heading: string, value: (row: Row) => string];

// Wide values (descriptions, long permission lists) would push every later column off screen.
const MAX_CELL = 48;

function cell(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > MAX_CELL ? `${flat.slice(0, MAX_CELL - 1)}…` : flat;
}

/**
 * Rows as a plain-text table with a heading line, columns padded to their widest cell.
 *
 * @example formatTable(keys, [['ID', (key) => key.id], ['NAME', (key) => key.name]])
 */
export function formatTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const cells = [columns.map(([heading]) => heading), ...rows.map((row) => columns.map(([, value]) => cell(value(row))))];
  const widths = columns.map((_, index) => Math.max(...cells.map((line) => line[index]!.length)));
  return cells.map((line) => line.map((text, index) => (index === line.length - 1 ? text : text.padEnd(widths[index]!))).join('  ').trimEnd()).join('\n');
}

/** Labelled lines for one resource (`show`), labels aligned. */
export function formatDetails(pairs: readonly [label: string, value: string][]): string {
  const width = Math.max(...pairs.map(([label]) => label.length)) + 1;
  return pairs.map(([label, value]) => `${`${label}:`.padEnd(width)} ${value}`).join('\n');
}
