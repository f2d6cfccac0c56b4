/** Batch exports: an organization's activity log, members or sessions delivered on a schedule to a destination. */
import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";
import { ts } from "./columns";
import { users } from "./users";
import { organizations } from "./organizations";

/**
 * One export. `destination_config` holds only what every reader may see; the destination's secrets (passwords,
 * secret keys, HMAC secrets) are sealed with AES-256-GCM in `destination_secrets`, never returned.
 * `scheduled_until` is the end of the last interval the scheduler turned into a run.
 */
export const batchExports = pgTable(
  "batch_exports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: varchar("name", { length: 255 }).notNull(),
    model: varchar("model", { length: 16 }).notNull(),
    destinationType: varchar("destination_type", { length: 32 }).notNull(),
    destinationConfig: jsonb("destination_config").$type<Record<string, unknown>>().notNull().default({}),
    destinationSecrets: text("destination_secrets"),
    interval: varchar("interval", { length: 32 }).notNull(),
    paused: boolean("paused").notNull().default(false),
    lastPausedAt: ts("last_paused_at"),
    startAt: ts("start_at"),
    endAt: ts("end_at"),
    filters: jsonb("filters").$type<Record<string, unknown>>(),
    hogqlQuery: text("hogql_query"),
    scheduledUntil: ts("scheduled_until"),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("batch_exports_org_created_idx").on(t.organizationId, t.createdAt),
    // The scheduler's scan: exports that run, by how far they are scheduled.
    index("batch_exports_due_idx")
      .on(t.scheduledUntil)
      .where(sql`not ${t.paused}`),
  ],
);

/** A backfill: the intervals of a range, run in order (from `POST …/backfill/` or unpausing with backfill). */
export const batchExportBackfills = pgTable(
  "batch_export_backfills",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    batchExportId: uuid("batch_export_id")
      .notNull()
      .references(() => batchExports.id, { onDelete: "cascade" }),
    startAt: ts("start_at").notNull(),
    endAt: ts("end_at").notNull(),
    status: varchar("status", { length: 16 }).notNull().default("running"),
    totalRuns: integer("total_runs").notNull().default(0),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    finishedAt: ts("finished_at"),
  },
  (t) => [index("batch_export_backfills_export_created_idx").on(t.batchExportId, t.createdAt)],
);

/**
 * One interval of one export: a durable row, unique per (export, interval start), claimed by a runner with
 * FOR UPDATE SKIP LOCKED and held until `locked_until`, so several instances never run an interval twice at once.
 * `status`: scheduled → running → completed, or back to scheduled with a later `next_attempt_at`, failed when
 * attempts run out; cancelled when its export is paused before it starts.
 */
export const batchExportRuns = pgTable(
  "batch_export_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    batchExportId: uuid("batch_export_id")
      .notNull()
      .references(() => batchExports.id, { onDelete: "cascade" }),
    backfillId: uuid("backfill_id").references(() => batchExportBackfills.id, { onDelete: "set null" }),
    intervalStart: ts("interval_start").notNull(),
    intervalEnd: ts("interval_end").notNull(),
    status: varchar("status", { length: 16 }).notNull().default("scheduled"),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(5),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    lockedUntil: ts("locked_until"),
    lockedBy: varchar("locked_by", { length: 128 }),
    recordsCompleted: bigint("records_completed", { mode: "number" }),
    bytesExported: bigint("bytes_exported", { mode: "number" }),
    latestError: text("latest_error"),
    createdAt: ts("created_at").notNull().defaultNow(),
    startedAt: ts("started_at"),
    finishedAt: ts("finished_at"),
  },
  (t) => [
    uniqueIndex("batch_export_runs_interval_key").on(t.batchExportId, t.intervalStart),
    index("batch_export_runs_export_created_idx").on(t.batchExportId, t.createdAt),
    index("batch_export_runs_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} in ('scheduled', 'running')`),
  ],
);

/** What a run reported (`GET …/logs/`): `log_source_id` is the export, `instance_id` the run. */
export const batchExportLogs = pgTable(
  "batch_export_logs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    batchExportId: uuid("batch_export_id")
      .notNull()
      .references(() => batchExports.id, { onDelete: "cascade" }),
    runId: uuid("run_id").references(() => batchExportRuns.id, { onDelete: "cascade" }),
    level: varchar("level", { length: 16 }).notNull(),
    message: text("message").notNull(),
    timestamp: ts("timestamp").notNull().defaultNow(),
  },
  (t) => [index("batch_export_logs_export_time_idx").on(t.batchExportId, t.timestamp)],
);
