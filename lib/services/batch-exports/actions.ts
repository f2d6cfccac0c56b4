import { and, count, desc, eq, gte, ilike, inArray, lt, sql } from "drizzle-orm";
import { batchExportBackfills, batchExportLogs, batchExportRuns } from "../../../db/schema";
import { USER_CALLERS } from "../../auth/principal";
import { invalidInput, notFound } from "../../errors";
import { enqueueJob } from "../../jobs/enqueue";
import { backfillInput, batchExportIdInput, LOG_LEVELS, listRunsInput, logsInput, runIdInput, unpauseInput, type LogLevel } from "../../schemas/batch-exports";
import { isUuid } from "../../schemas/common";
import { recordActivity } from "../activity";
import { operation } from "../operation";
import { Page } from "../page";
import { iso } from "../serialize";
import { backfillIntervals, createBackfill, MAX_BACKFILL_RUNS, serializeBackfill } from "./backfills";
import { pauseRow, resumeRow } from "./pausing";
import { BATCH_EXPORT_SCOPE, exportOf, serializeRun } from "./rows";
import { RUN_BATCH_EXPORTS_JOB } from "./job-names";

/** Asks a job runner to look for due runs now rather than at its next scheduled pass. */
const wakeRunners = (tx: Parameters<typeof enqueueJob>[0], now: Date) =>
  enqueueJob(tx, RUN_BATCH_EXPORTS_JOB, {}, { runAt: now, uniqueKey: `${RUN_BATCH_EXPORTS_JOB}@${now.toISOString()}` });

/** Pauses an export (administrators): no new runs, and runs waiting to start are cancelled. Pausing twice is harmless. */
export const pauseBatchExport = operation({
  permission: "batch_export:write",
  callers: USER_CALLERS,
  input: batchExportIdInput,
  run: async ({ db, organization, principal, now }, { id }) =>
    db.transaction(async (tx) => {
      const row = await exportOf(tx, organization.id, id, { lock: true });
      if (row.paused) return { paused: true };
      await pauseRow(tx, row, now);
      await recordActivity(tx, principal, { organizationId: organization.id, scope: BATCH_EXPORT_SCOPE, itemId: row.id, activity: "paused", name: row.name, changes: [{ type: BATCH_EXPORT_SCOPE, field: "paused", action: "changed", before: false, after: true }] }, now);
      return { paused: true };
    }),
});

/** Resumes an export (administrators) from the current interval; with `backfill`, the paused gap's intervals run first, in order. */
export const unpauseBatchExport = operation({
  permission: "batch_export:write",
  callers: USER_CALLERS,
  input: unpauseInput,
  run: async ({ db, organization, principal, user, now }, { id, backfill }) =>
    db.transaction(async (tx) => {
      const row = await exportOf(tx, organization.id, id, { lock: true });
      if (!row.paused) return { paused: false };
      await resumeRow(tx, row, now, { backfill, userId: user?.id ?? null });
      if (backfill) await wakeRunners(tx, now);
      await recordActivity(tx, principal, { organizationId: organization.id, scope: BATCH_EXPORT_SCOPE, itemId: row.id, activity: "unpaused", name: row.name, changes: [{ type: BATCH_EXPORT_SCOPE, field: "paused", action: "changed", before: true, after: false }] }, now);
      return { paused: false };
    }),
});

/**
 * Runs every interval of the export that covers [start_at, end_at) again, in order (administrators); intervals that
 * have not ended yet run once they end.
 */
export const backfillBatchExport = operation({
  permission: "batch_export:write",
  callers: USER_CALLERS,
  input: backfillInput,
  run: async ({ db, organization, principal, user, now }, { id, start_at, end_at }) => {
    const [start, end] = [new Date(start_at), new Date(end_at)];
    if (end <= start) throw invalidInput("end_at must be later than start_at.", "end_at");
    return db.transaction(async (tx) => {
      const row = await exportOf(tx, organization.id, id, { lock: true });
      const intervals = backfillIntervals(row, start, end);
      if (intervals.length > MAX_BACKFILL_RUNS) throw invalidInput(`A backfill may hold at most ${MAX_BACKFILL_RUNS} intervals; this range holds ${intervals.length}.`, "start_at");
      const backfill = await createBackfill(tx, row, { start, end }, intervals, now, user?.id ?? null);
      // An interval still under way is delivered once it ends.
      await tx.execute(sql`update batch_export_runs set next_attempt_at = greatest(next_attempt_at, interval_end) where backfill_id = ${backfill.id}`);
      await wakeRunners(tx, now);
      await recordActivity(tx, principal, { organizationId: organization.id, scope: BATCH_EXPORT_SCOPE, itemId: row.id, activity: "backfilled", name: row.name, changes: [{ type: BATCH_EXPORT_SCOPE, field: "backfill", action: "created", before: null, after: { start_at: iso(start), end_at: iso(end), runs: intervals.length } }] }, now);
      return serializeBackfill(tx, backfill);
    });
  },
});

/** An export's backfills, newest first, each with how many of its runs are done (any member). */
export const listBatchExportBackfills = operation({
  permission: "batch_export:read",
  callers: USER_CALLERS,
  input: listRunsInput,
  run: async ({ db, organization }, { id, limit, offset }) => {
    const row = await exportOf(db, organization.id, id);
    const where = eq(batchExportBackfills.batchExportId, row.id);
    const [backfills, [total]] = await Promise.all([
      db.select().from(batchExportBackfills).where(where).orderBy(desc(batchExportBackfills.createdAt), desc(batchExportBackfills.id)).limit(limit).offset(offset),
      db.select({ n: count() }).from(batchExportBackfills).where(where),
    ]);
    return new Page(await Promise.all(backfills.map((b) => serializeBackfill(db, b))), total.n, { limit, offset });
  },
});

/** An export's runs, newest interval first (any member). */
export const listBatchExportRuns = operation({
  permission: "batch_export:read",
  callers: USER_CALLERS,
  input: listRunsInput,
  run: async ({ db, organization }, { id, limit, offset }) => {
    const row = await exportOf(db, organization.id, id);
    const where = eq(batchExportRuns.batchExportId, row.id);
    const [runs, [total]] = await Promise.all([
      db.select().from(batchExportRuns).where(where).orderBy(desc(batchExportRuns.intervalStart)).limit(limit).offset(offset),
      db.select({ n: count() }).from(batchExportRuns).where(where),
    ]);
    return new Page(runs.map(serializeRun), total.n, { limit, offset });
  },
});

/** Schedules one finished run (completed, failed or cancelled) again from its first attempt (administrators). */
export const retryBatchExportRun = operation({
  permission: "batch_export:write",
  callers: USER_CALLERS,
  input: runIdInput,
  run: async ({ db, organization, principal, now }, { id, run_id }) =>
    db.transaction(async (tx) => {
      const row = await exportOf(tx, organization.id, id);
      if (!isUuid(run_id)) throw notFound();
      const [run] = await tx
        .select()
        .from(batchExportRuns)
        .where(and(eq(batchExportRuns.batchExportId, row.id), eq(batchExportRuns.id, run_id.toLowerCase())))
        .for("update");
      if (!run) throw notFound();
      if (run.status === "scheduled" || run.status === "running") throw invalidInput("This run is already scheduled or under way.", null);
      const [retried] = await tx
        .update(batchExportRuns)
        .set({ status: "scheduled", attempts: 0, nextAttemptAt: now, lockedUntil: null, lockedBy: null, latestError: null, startedAt: null, finishedAt: null })
        .where(eq(batchExportRuns.id, run.id))
        .returning();
      await wakeRunners(tx, now);
      await recordActivity(tx, principal, { organizationId: organization.id, scope: BATCH_EXPORT_SCOPE, itemId: row.id, activity: "run_retried", name: row.name, changes: [{ type: "BatchExportRun", field: "status", action: "changed", before: run.status, after: "scheduled" }] }, now);
      return serializeRun(retried);
    }),
});

/** A LIKE pattern that matches the text literally anywhere. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Entries of one run, or with the export's own id those about the export as a whole. */
function instanceFilter(instanceId: string, exportId: string) {
  if (instanceId === exportId) return sql`${batchExportLogs.runId} is null`;
  return isUuid(instanceId) ? eq(batchExportLogs.runId, instanceId) : sql`false`;
}

/**
 * An export's run logs, newest first (any member, signed in: personal API keys are refused), filtered by time, levels
 * (a comma list, any case), text and run.
 */
export const listBatchExportLogs = operation({
  permission: "batch_export:logs",
  callers: USER_CALLERS,
  input: logsInput,
  run: async ({ db, organization }, { id, limit, offset, after, before, level, search, instance_id }) => {
    const row = await exportOf(db, organization.id, id);
    const levels = level
      ?.split(",")
      .map((l) => l.trim().toUpperCase())
      .filter(Boolean);
    const unknown = levels?.find((l) => !(LOG_LEVELS as readonly string[]).includes(l));
    if (unknown) throw invalidInput(`"${unknown}" is not a log level; use ${LOG_LEVELS.join(", ")}.`, "level");
    const where = and(
      eq(batchExportLogs.batchExportId, row.id),
      after ? gte(batchExportLogs.timestamp, new Date(after)) : undefined,
      before ? lt(batchExportLogs.timestamp, new Date(before)) : undefined,
      levels?.length ? inArray(batchExportLogs.level, levels) : undefined,
      search ? ilike(batchExportLogs.message, containing(search)) : undefined,
      instance_id ? instanceFilter(instance_id.toLowerCase(), row.id) : undefined,
    );
    const [entries, [total]] = await Promise.all([
      db.select().from(batchExportLogs).where(where).orderBy(desc(batchExportLogs.timestamp), desc(batchExportLogs.id)).limit(limit).offset(offset),
      db.select({ n: count() }).from(batchExportLogs).where(where),
    ]);
    const results = entries.map((e) => ({ log_source_id: row.id, instance_id: e.runId ?? row.id, timestamp: iso(e.timestamp), level: e.level as LogLevel, message: e.message }));
    return new Page(results, total.n, { limit, offset });
  },
});
