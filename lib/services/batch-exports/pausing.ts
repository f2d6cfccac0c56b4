/** Pausing and resuming an export's schedule, in the caller's transaction. */
import { and, eq, gte, lte, min, or } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { batchExportRuns, batchExports } from "../../../db/schema";
import type { BatchExportInterval } from "../../schemas/batch-exports";
import { backfillIntervals, createBackfill, MAX_BACKFILL_RUNS } from "./backfills";
import { intervalFloor } from "./intervals";
import type { BatchExportRow } from "./rows";

/**
 * Pauses: no new runs are scheduled and the runs waiting to start are cancelled, as are runs whose runner stopped
 * without finishing (its lease ran out); a run under way finishes.
 */
export async function pauseRow(tx: Executor, row: BatchExportRow, now: Date): Promise<BatchExportRow> {
  const abandoned = and(eq(batchExportRuns.status, "running"), lte(batchExportRuns.lockedUntil, now));
  await tx
    .update(batchExportRuns)
    .set({ status: "cancelled", finishedAt: now, lockedUntil: null, lockedBy: null })
    .where(and(eq(batchExportRuns.batchExportId, row.id), or(eq(batchExportRuns.status, "scheduled"), abandoned)));
  const [paused] = await tx.update(batchExports).set({ paused: true, lastPausedAt: now, updatedAt: now }).where(eq(batchExports.id, row.id)).returning();
  return paused;
}

/**
 * Resumes from the current interval. With `backfill`, the paused gap is run first, in order: every interval from the
 * earliest one cancelled by the pause (or the schedule's cursor) to the current one.
 */
export async function resumeRow(tx: Executor, row: BatchExportRow, now: Date, options: { backfill?: boolean; userId?: number | null } = {}): Promise<BatchExportRow> {
  const interval = row.interval as BatchExportInterval;
  const current = intervalFloor(interval, now);
  const cursor = row.scheduledUntil ?? current;
  if (options.backfill) {
    const [cancelled] = await tx
      .select({ at: min(batchExportRuns.intervalStart) })
      .from(batchExportRuns)
      .where(and(eq(batchExportRuns.batchExportId, row.id), eq(batchExportRuns.status, "cancelled"), gte(batchExportRuns.finishedAt, row.lastPausedAt ?? now)));
    const start = cancelled?.at && cancelled.at < cursor ? cancelled.at : cursor;
    const intervals = backfillIntervals(row, start, current).slice(-MAX_BACKFILL_RUNS);
    if (intervals.length) await createBackfill(tx, row, { start, end: current }, intervals, now, options.userId ?? null);
  }
  const [resumed] = await tx
    .update(batchExports)
    .set({ paused: false, scheduledUntil: cursor > current ? cursor : current, updatedAt: now })
    .where(eq(batchExports.id, row.id))
    .returning();
  return resumed;
}
