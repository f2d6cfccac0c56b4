/** Durable background work shared by every instance on one database. */
import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";
import { ts } from "./columns";

/**
 * One unit of background work. Runners claim due rows with FOR UPDATE SKIP LOCKED and hold them until
 * `locked_until`; a runner that dies leaves a lock that expires, and the job is claimed again.
 * `status`: pending → running → done, or back to pending with a later `run_at` after a failure, failed when
 * attempts run out.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: varchar("kind", { length: 64 }).notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    status: varchar("status", { length: 16 }).notNull().default("pending"),
    runAt: ts("run_at").notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(10),
    lastError: text("last_error"),
    lockedUntil: ts("locked_until"),
    lockedBy: varchar("locked_by", { length: 128 }),
    /** Set for work that must exist once (a recurring schedule's occurrence): a second insert is a no-op. */
    uniqueKey: varchar("unique_key", { length: 255 }),
    createdAt: ts("created_at").notNull().defaultNow(),
    finishedAt: ts("finished_at"),
  },
  (t) => [
    index("jobs_due_idx").on(t.status, t.runAt),
    uniqueIndex("jobs_unique_key").on(t.uniqueKey).where(sql`${t.uniqueKey} is not null`),
  ],
);

/** Recurring work: each occurrence becomes one job, created by whichever runner claims the schedule first. */
export const jobSchedules = pgTable("job_schedules", {
  name: varchar("name", { length: 64 }).primaryKey(),
  kind: varchar("kind", { length: 64 }).notNull(),
  payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
  intervalSeconds: integer("interval_seconds").notNull(),
  nextRunAt: ts("next_run_at").notNull(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});
