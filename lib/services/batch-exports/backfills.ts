/** Backfills: the intervals of a range turned into runs, in order, with their progress. */
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { batchExportBackfills, batchExportRuns } from "../../../db/schema";
import type { BatchExportBackfill, BatchExportInterval } from "../../schemas/batch-exports";
import { iso } from "../serialize";
import { type Interval, intervalsCovering } from "./intervals";
import type { BatchExportRow } from "./rows";

/** The most intervals one backfill may hold (a month of 5-minute intervals is 8,640). */
export const MAX_BACKFILL_RUNS = 10_000;
const INSERT_CHUNK = 1000;

type BackfillRow = typeof batchExportBackfills.$inferSelect;

/** The export's intervals covering [start, end) that overlap its window, in order. */
export function backfillIntervals(row: BatchExportRow, start: Date, end: Date): Interval[] {
  return intervalsCovering(row.interval as BatchExportInterval, start, end).filter(
    (i) => (!row.startAt || i.end > row.startAt) && (!row.endAt || i.start < row.endAt),
  );
}

/**
 * Schedules `intervals` as runs of a new backfill: an interval without a run gets one, an interval whose run is not under
 * way (completed, failed, cancelled or waiting) is scheduled again from its first attempt. Runs start in interval order.
 */
export async function createBackfill(tx: Executor, row: BatchExportRow, range: Interval, intervals: Interval[], now: Date, createdById: number | null) {
  const [backfill] = await tx
    .insert(batchExportBackfills)
    .values({ batchExportId: row.id, startAt: range.start, endAt: range.end, totalRuns: intervals.length, createdById, createdAt: now, status: intervals.length ? "running" : "completed", finishedAt: intervals.length ? null : now })
    .returning();
  for (let i = 0; i < intervals.length; i += INSERT_CHUNK) {
    const values = intervals.slice(i, i + INSERT_CHUNK).map((interval) => ({
      batchExportId: row.id,
      backfillId: backfill.id,
      intervalStart: interval.start,
      intervalEnd: interval.end,
      status: "scheduled",
      nextAttemptAt: now,
      createdAt: now,
    }));
    await tx
      .insert(batchExportRuns)
      .values(values)
      .onConflictDoUpdate({
        target: [batchExportRuns.batchExportId, batchExportRuns.intervalStart],
        set: {
          backfillId: backfill.id,
          status: "scheduled",
          attempts: 0,
          nextAttemptAt: now,
          lockedUntil: null,
          lockedBy: null,
          latestError: null,
          startedAt: null,
          finishedAt: null,
        },
        setWhere: sql`${batchExportRuns.status} <> 'running'`,
      });
  }
  return backfill;
}

/** A backfill with how many of its runs are done. */
export async function serializeBackfill(db: Executor, backfill: BackfillRow): Promise<BatchExportBackfill> {
  const [done] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(batchExportRuns)
    .where(and(eq(batchExportRuns.backfillId, backfill.id), sql`${batchExportRuns.status} in ('completed', 'failed', 'cancelled')`));
  return {
    id: backfill.id,
    batch_export_id: backfill.batchExportId,
    start_at: iso(backfill.startAt),
    end_at: iso(backfill.endAt),
    status: backfill.status as BatchExportBackfill["status"],
    total_runs: backfill.totalRuns,
    finished_runs: Math.min(done?.n ?? 0, backfill.totalRuns),
    created_at: iso(backfill.createdAt),
    finished_at: iso(backfill.finishedAt),
  };
}

/** Marks a backfill finished once none of its runs waits or runs: failed if one failed, else completed. */
export async function settleBackfill(tx: Executor, backfillId: string, now: Date) {
  await tx.execute(sql`
    update batch_export_backfills b
    set status = case when exists (select 1 from batch_export_runs r where r.backfill_id = b.id and r.status = 'failed') then 'failed' else 'completed' end,
        finished_at = ${now.toISOString()}::timestamptz
    where b.id = ${backfillId} and b.status = 'running'
      and not exists (select 1 from batch_export_runs r where r.backfill_id = b.id and r.status in ('scheduled', 'running'))`);
}
