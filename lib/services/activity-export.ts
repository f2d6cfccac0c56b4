import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { activityLog, users } from "../../db/schema";
import { USER_CALLERS } from "../auth/principal";
import { actorWords, activitySentence, changeWords, objectWords, viaWords } from "../format/activity-words";
import { csvRow } from "../format/csv";
import { exportActivityLogInput, type ActivityLogEntry } from "../schemas/activity-log";
import { activityLogWhere, serializeActivityEntry } from "./activity-log";
import { operation } from "./operation";
import { FileResult } from "./results";

/** Entries read from the database per query while streaming; the export never holds more than one batch. */
export const EXPORT_BATCH_SIZE = 500;

const CSV_COLUMNS = ["id", "created_at", "person", "person_email", "way_in", "address", "summary", "object", "activity", "item_id", "item_name", "changes"];

function csvLine(entry: ActivityLogEntry) {
  return csvRow([
    entry.id,
    entry.created_at,
    actorWords(entry),
    entry.user?.email ?? "",
    viaWords(entry.detail.via) ?? "",
    entry.detail.address ?? "",
    activitySentence(entry),
    objectWords(entry.scope),
    entry.activity,
    entry.item_id,
    entry.detail.name,
    entry.detail.changes.map(changeWords).join("; "),
  ]);
}

const FORMATS = {
  csv: { contentType: "text/csv; charset=utf-8", extension: "csv", header: csvRow(CSV_COLUMNS), line: csvLine },
  jsonl: { contentType: "application/x-ndjson; charset=utf-8", extension: "jsonl", header: "", line: (e: ActivityLogEntry) => `${JSON.stringify(e)}\n` },
} as const;

type Cursor = { at: string; id: string };

/** The matching entries newest first, a batch at a time by keyset (created_at, id), so any number streams in constant memory. */
function entryStream(db: Db, where: SQL, line: (e: ActivityLogEntry) => string, header: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: Cursor | null = null;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (header) controller.enqueue(encoder.encode(header));
    },
    async pull(controller) {
      // The cursor keeps the timestamp as PostgreSQL wrote it, so no precision is lost between batches.
      const after: SQL | undefined = cursor ? sql`(${activityLog.createdAt}, ${activityLog.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)` : undefined;
      const rows = await db
        .select({ entry: activityLog, user: users, at: sql<string>`${activityLog.createdAt}::text` })
        .from(activityLog)
        .leftJoin(users, eq(users.id, activityLog.userId))
        .where(after ? and(where, after) : where)
        .orderBy(desc(activityLog.createdAt), desc(activityLog.id))
        .limit(EXPORT_BATCH_SIZE);
      if (rows.length > 0) {
        controller.enqueue(encoder.encode(rows.map(({ entry, user }) => line(serializeActivityEntry(entry, user))).join("")));
        const last = rows[rows.length - 1];
        cursor = { at: last.at, id: last.entry.id };
      }
      if (rows.length < EXPORT_BATCH_SIZE) controller.close();
    },
  });
}

/** Downloads an organization's audit trail with the list's filters, as CSV or JSON Lines, streamed (admins and owners). */
export const exportActivityLog = operation({
  permission: "activity_log:read",
  callers: USER_CALLERS,
  input: exportActivityLogInput,
  run: async ({ db, organization, now }, { format, ...filters }) => {
    const { contentType, extension, header, line } = FORMATS[format];
    const where = activityLogWhere(eq(activityLog.organizationId, organization.id), filters);
    const filename = `activity-log-${organization.slug}-${now.toISOString().slice(0, 10)}.${extension}`;
    return new FileResult(entryStream(db, where, line, header), contentType, filename);
  },
});
