/**
 * What each model exports: its columns (the Postgres destination's table) and its rows of one interval, read in keyset
 * pages so a run never holds more than a page, whatever the interval holds. An interval is half-open: [start, end).
 */
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { JsonText, type ExportColumn, type ExportRow } from "../../adapters/destinations";
import type { BatchExportModel } from "../../schemas/batch-exports";

/** Rows read per query. */
export const PAGE_ROWS = 1000;

export const MODEL_COLUMNS: Record<BatchExportModel, readonly ExportColumn[]> = {
  events: [
    { name: "id", pgType: "uuid" },
    { name: "created_at", pgType: "timestamptz" },
    { name: "scope", pgType: "text" },
    { name: "activity", pgType: "text" },
    { name: "item_id", pgType: "text" },
    { name: "is_system", pgType: "boolean" },
    { name: "user_uuid", pgType: "uuid" },
    { name: "user_email", pgType: "text" },
    { name: "detail", pgType: "jsonb" },
  ],
  persons: [
    { name: "id", pgType: "uuid" },
    { name: "user_uuid", pgType: "uuid" },
    { name: "email", pgType: "text" },
    { name: "first_name", pgType: "text" },
    { name: "last_name", pgType: "text" },
    { name: "level", pgType: "integer" },
    { name: "is_suspended", pgType: "boolean" },
    { name: "joined_at", pgType: "timestamptz" },
    { name: "updated_at", pgType: "timestamptz" },
  ],
  sessions: [
    { name: "id", pgType: "uuid" },
    { name: "user_uuid", pgType: "uuid" },
    { name: "email", pgType: "text" },
    { name: "signed_in_at", pgType: "timestamptz" },
    { name: "expires_at", pgType: "timestamptz" },
    { name: "mfa", pgType: "boolean" },
    { name: "created_at", pgType: "timestamptz" },
  ],
};

export type ModelQuery = {
  organizationId: string;
  start: Date;
  end: Date;
  filters: Record<string, unknown> | null;
};

/** A page's cursor: the ordering time as PostgreSQL's own text (microseconds kept) and the id. */
type Cursor = { at: string; id: string } | null;
type Fetched = ExportRow & { _cursor_at: string };

const list = (value: unknown): unknown[] | null => (Array.isArray(value) && value.length ? value : null);
const textList = (values: unknown[]) => sql`array[${sql.join(values.map((v) => sql`${String(v)}`), sql`, `)}]::text[]`;
const intList = (values: unknown[]) => sql`array[${sql.join(values.map((v) => sql`${Number(v)}`), sql`, `)}]::int[]`;

function page(model: BatchExportModel, q: ModelQuery, after: Cursor): SQL {
  const start = sql`${q.start.toISOString()}::timestamptz`;
  const end = sql`${q.end.toISOString()}::timestamptz`;
  const scopes = list(q.filters?.scope);
  const activities = list(q.filters?.activity);
  const levels = list(q.filters?.level);
  switch (model) {
    case "events":
      return sql`select a.id, a.created_at, a.scope, a.activity, a.item_id, a.is_system, u.uuid as user_uuid, u.email as user_email,
          a.detail::text as detail, a.created_at::text as _cursor_at
        from activity_log a left join users u on u.id = a.user_id
        where a.organization_id = ${q.organizationId} and a.created_at >= ${start} and a.created_at < ${end}
          ${scopes ? sql`and a.scope = any(${textList(scopes)})` : sql``}
          ${activities ? sql`and a.activity = any(${textList(activities)})` : sql``}
          ${after ? sql`and (a.created_at, a.id) > (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
        order by a.created_at, a.id limit ${PAGE_ROWS}`;
    case "persons":
      return sql`select m.id, u.uuid as user_uuid, u.email, u.first_name, u.last_name, m.level::int as level,
          m.suspended_at is not null as is_suspended, m.joined_at, m.updated_at, m.updated_at::text as _cursor_at
        from organization_memberships m join users u on u.id = m.user_id
        where m.organization_id = ${q.organizationId} and m.updated_at >= ${start} and m.updated_at < ${end}
          ${levels ? sql`and m.level = any(${intList(levels)})` : sql``}
          ${after ? sql`and (m.updated_at, m.id) > (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
        order by m.updated_at, m.id limit ${PAGE_ROWS}`;
    case "sessions":
      return sql`select s.id, u.uuid as user_uuid, u.email, s.signed_in_at, s.expires as expires_at, s.mfa, s.created_at,
          s.created_at::text as _cursor_at
        from sessions s join users u on u.id = s.user_id
          join organization_memberships m on m.user_id = s.user_id and m.organization_id = ${q.organizationId}
        where s.created_at >= ${start} and s.created_at < ${end}
          ${after ? sql`and (s.created_at, s.id) > (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
        order by s.created_at, s.id limit ${PAGE_ROWS}`;
  }
}

const TIME = 1;
const JSON_TEXT = 2;

/**
 * A model's database row as exported: its columns in order, times as ISO 8601 UTC, JSON as the database's text, the
 * cursor left out. Built per model once, so a row costs one object of one shape (no entry lists). JSON is read as text
 * and never parsed into the page: a page waits for its turn long enough to be promoted into V8's old generation, where
 * its objects would be garbage only a full collection frees (a string is smaller than its objects); the COPY of the
 * Postgres destination takes the text as it is, and JSON destinations parse it only while serializing the row.
 */
function exporter(model: BatchExportModel): (raw: Fetched) => ExportRow {
  const names = MODEL_COLUMNS[model].map((c) => c.name);
  const kinds = MODEL_COLUMNS[model].map((c) => (c.pgType === "timestamptz" ? TIME : c.pgType === "jsonb" ? JSON_TEXT : 0));
  return (raw) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i += 1) {
      const value = raw[names[i]];
      if (value == null || !kinds[i]) row[names[i]] = value;
      else if (kinds[i] === TIME) row[names[i]] = new Date(value as string | Date).toISOString();
      else row[names[i]] = typeof value === "string" ? new JsonText(value) : value;
    }
    return row as ExportRow;
  };
}

async function rowsOf(db: Db, query: SQL): Promise<Fetched[]> {
  const result = (await db.execute(query)) as unknown as Fetched[] | { rows: Fetched[] };
  return Array.isArray(result) ? result : result.rows;
}

/**
 * Every row of the model in [start, end) that passes the filters, in (time, id) order, a page at a time: the next page
 * is asked for as soon as a page arrives, so the database works while the destination writes.
 */
export async function* modelRows(db: Db, model: BatchExportModel, q: ModelQuery): AsyncGenerator<ExportRow> {
  const exported = exporter(model);
  const fetchPage = (after: Cursor) => {
    const fetching = rowsOf(db, page(model, q, after));
    // Its failure is thrown where it is awaited; until then it must not count as unhandled.
    fetching.catch(() => {});
    return fetching;
  };
  let next: Promise<Fetched[]> | null = fetchPage(null);
  try {
    while (next) {
      const rows: Fetched[] = await next;
      next = null;
      if (rows.length === PAGE_ROWS) {
        const last = rows[rows.length - 1];
        next = fetchPage({ at: last._cursor_at, id: String(last.id) });
      }
      for (let i = 0; i < rows.length; i += 1) yield exported(rows[i]);
    }
  } finally {
    // A run that stopped early still waits for the page it asked for, so no query outlives it.
    await next?.catch(() => {});
  }
}
