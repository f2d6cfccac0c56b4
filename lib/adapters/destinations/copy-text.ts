/** PostgreSQL's COPY text format: one line per row, tab-separated, `\N` for NULL, backslash escapes. */
import { JsonText, type ExportColumn, type ExportRow } from "./types";

const ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };
const SPECIAL = /[\\\n\r\t]/g;
/** The same characters, tested first: most values hold none, and a test allocates nothing. */
const HAS_SPECIAL = /[\\\n\r\t]/;

/** A JavaScript array as a PostgreSQL array literal (`{"a","b",NULL}`), for columns of an array type. */
function arrayLiteral(values: unknown[]): string {
  const items = values.map((v) => (v === null || v === undefined ? "NULL" : `"${scalar(v).replace(/["\\]/g, "\\$&")}"`));
  return `{${items.join(",")}}`;
}

function scalar(value: unknown): string {
  if (value instanceof JsonText) return value.text;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function field(value: unknown, isArray: boolean): string {
  if (value === null || value === undefined) return "\\N";
  const text = isArray && Array.isArray(value) ? arrayLiteral(value) : scalar(value);
  return HAS_SPECIAL.test(text) ? text.replace(SPECIAL, (c) => ESCAPES[c]) : text;
}

/**
 * Builds the line writer for `columns`: each row's values in column order, missing ones NULL, objects as JSON. The
 * line is joined from one reused list of fields: one flat string, not a chain of pieces to be copied once more.
 */
export function copyLineWriter(columns: readonly ExportColumn[]): (row: ExportRow) => string {
  const spec = columns.map((c) => ({ name: c.name, isArray: c.pgType.trim().endsWith("[]") }));
  const fields = new Array<string>(spec.length).fill("");
  const last = spec.length - 1;
  return (row) => {
    for (let i = 0; i < spec.length; i += 1) fields[i] = field(row[spec[i].name], spec[i].isArray);
    fields[last] += "\n";
    return fields.join("\t");
  };
}
