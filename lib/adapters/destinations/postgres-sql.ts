/** The SQL text of the Postgres destination, with every identifier quoted and every type checked. */
import { DestinationError, type ExportColumn } from "./types";

/** A PostgreSQL identifier in double quotes, inner quotes doubled: safe for any name. */
export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Type names as written in DDL: words, an optional `(n)` or `(p,s)`, an optional `[]`. Nothing else is interpolated. */
const PG_TYPE = /^[a-z_][a-z0-9_ ]*(\(\d+(,\s*\d+)?\))?(\[\])?$/i;

/** The statements of one destination table; `stage` is the run's temporary table rows are copied into first. */
export type TableSql = {
  lock: string;
  createSchema: string;
  createTable: string;
  createStage: string;
  copyIntoStage: string;
  upsert: string;
  clearStage: string;
};

export function tableSql(schema: string, table: string, columns: readonly ExportColumn[]): TableSql {
  if (!columns.some((c) => c.name === "id")) throw new DestinationError("The exported columns must include id.");
  for (const c of columns) {
    if (!PG_TYPE.test(c.pgType.trim())) throw new DestinationError(`The column ${c.name} has an unusable type: ${c.pgType}.`);
  }
  const target = `${quoteIdent(schema)}.${quoteIdent(table)}`;
  const stage = quoteIdent(`orgdeck_stage_${table}`.slice(0, 63));
  const names = columns.map((c) => quoteIdent(c.name)).join(", ");
  const definitions = columns.map((c) => `${quoteIdent(c.name)} ${c.pgType.trim()}${c.name === "id" ? " PRIMARY KEY" : ""}`);
  const updates = columns.filter((c) => c.name !== "id").map((c) => `${quoteIdent(c.name)} = EXCLUDED.${quoteIdent(c.name)}`);
  return {
    // Two runs creating the same table at once would race in the catalog; the lock is released at commit.
    lock: `SELECT pg_advisory_xact_lock(hashtext(${literal(`orgdeck batch export ${target}`)}))`,
    createSchema: `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`,
    createTable: `CREATE TABLE IF NOT EXISTS ${target} (${definitions.join(", ")})`,
    createStage: `CREATE TEMPORARY TABLE ${stage} (${columns.map((c) => `${quoteIdent(c.name)} ${c.pgType.trim()}`).join(", ")}, "orgdeck_seq" bigint GENERATED ALWAYS AS IDENTITY) ON COMMIT DROP`,
    copyIntoStage: `COPY ${stage} (${names}) FROM STDIN`,
    // A row repeated within a batch keeps its last copy: one statement may not update the same row twice.
    upsert:
      `INSERT INTO ${target} (${names}) SELECT DISTINCT ON ("id") ${names} FROM ${stage} ORDER BY "id", "orgdeck_seq" DESC ` +
      (updates.length ? `ON CONFLICT ("id") DO UPDATE SET ${updates.join(", ")}` : `ON CONFLICT ("id") DO NOTHING`),
    clearStage: `TRUNCATE ${stage}`,
  };
}

/** A string as an SQL literal. */
export const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;
