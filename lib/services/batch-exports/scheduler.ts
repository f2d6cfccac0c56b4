/** The scheduler: each running export's intervals that have ended become durable runs, once each. */
import { and, eq, inArray, lte, not } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { batchExportRuns, batchExports } from "../../../db/schema";
import type { BatchExportInterval } from "../../schemas/batch-exports";
import { dueIntervals, intervalFloor } from "./intervals";

/** Exports looked at per pass; the next pass continues with the rest. */
const EXPORTS_PER_PASS = 500;

/**
 * Turns the intervals that have ended since each unpaused export's cursor into `scheduled` runs (one per interval, a
 * second insert of one is a no-op), in order, and moves the cursor on; returns how many runs it created. Exports another
 * scheduler holds are skipped, so any number may run at once. `exportIds` confines a pass to some exports (tests, which
 * share one database).
 */
export async function scheduleDueRuns(db: Db, now: Date, scope: { exportIds?: string[] } = {}): Promise<number> {
  const due = await db
    .select({ id: batchExports.id })
    .from(batchExports)
    .where(and(not(batchExports.paused), lte(batchExports.scheduledUntil, now), scope.exportIds ? inArray(batchExports.id, scope.exportIds) : undefined))
    .limit(EXPORTS_PER_PASS);
  let created = 0;
  for (const { id } of due) {
    created += await db.transaction(async (tx) => {
      const [row] = await tx.select().from(batchExports).where(and(eq(batchExports.id, id), not(batchExports.paused))).for("update", { skipLocked: true });
      if (!row) return 0;
      const interval = row.interval as BatchExportInterval;
      const from = row.scheduledUntil ?? intervalFloor(interval, now);
      const { intervals, next } = dueIntervals(interval, from, now, { startAt: row.startAt, endAt: row.endAt });
      if (next.getTime() === from.getTime()) return 0;
      const inserted = intervals.length
        ? await tx
            .insert(batchExportRuns)
            .values(intervals.map((i) => ({ batchExportId: row.id, intervalStart: i.start, intervalEnd: i.end, nextAttemptAt: now, createdAt: now })))
            .onConflictDoNothing()
            .returning({ id: batchExportRuns.id })
        : [];
      await tx.update(batchExports).set({ scheduledUntil: next }).where(eq(batchExports.id, row.id));
      return inserted.length;
    });
  }
  return created;
}
