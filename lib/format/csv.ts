/** Characters a spreadsheet reads as the start of a formula (tab and carriage return too, as some spreadsheets do). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote, or a line break, with quotes doubled. A cell a
 * spreadsheet would run as a formula (starting with = + - @) gets a leading `'`, so it is shown as text.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record, ending with CRLF as RFC 4180 has it. */
export function csvRow(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
