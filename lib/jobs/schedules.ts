import { and, eq, inArray, lte, min, sql } from "drizzle-orm";
import type { Db, Executor } from "../../db/client";
import { jobSchedules } from "../../db/schema";
import { enqueueJob } from "./enqueue";
import type { JobSchedule } from "./types";

/**
 * Writes the code's schedules, a new one first due at `now`, an existing one keeping its next_run_at so restarts
 * neither repeat nor skip an occurrence.
 */
export async function syncSchedules(db: Executor, schedules: JobSchedule[], now = new Date()) {
  if (!schedules.length) return;
  await db
    .insert(jobSchedules)
    .values(schedules.map((s) => ({ ...s, payload: s.payload ?? {}, nextRunAt: now, updatedAt: now })))
    .onConflictDoUpdate({
      target: jobSchedules.name,
      set: {
        kind: sql`excluded.kind`,
        payload: sql`excluded.payload`,
        intervalSeconds: sql`excluded.interval_seconds`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}

/**
 * The first occurrence after `now` on the schedule's grid: occurrences missed while no runner ran are skipped, not run
 * in a burst.
 */
export function nextOccurrence(due: Date, intervalSeconds: number, now: Date): Date {
  const step = intervalSeconds * 1000;
  const steps = Math.max(1, Math.floor((now.getTime() - due.getTime()) / step) + 1);
  return new Date(due.getTime() + steps * step);
}

/** The job key of one occurrence: a second insert of the same occurrence is a no-op. */
export const occurrenceKey = (name: string, at: Date) => `${name}@${at.toISOString()}`;

/**
 * Turns each due schedule among `names` into its occurrence's job and advances it, in one transaction; returns when
 * the earliest is next due.
 */
export async function createDueOccurrences(db: Db, names: string[], now: Date): Promise<Date | null> {
  return db.transaction(async (tx) => {
    // A runner that finds a schedule locked leaves it to the holder, whose commit moves it past now; the occurrence's
    // unique key would turn a second insert into a no-op all the same.
    const due = await tx
      .select()
      .from(jobSchedules)
      .where(and(inArray(jobSchedules.name, names), lte(jobSchedules.nextRunAt, now)))
      .orderBy(jobSchedules.name)
      .for("update", { skipLocked: true });
    for (const s of due) {
      await enqueueJob(tx, s.kind, s.payload, { runAt: s.nextRunAt, uniqueKey: occurrenceKey(s.name, s.nextRunAt) });
      await tx
        .update(jobSchedules)
        .set({ nextRunAt: nextOccurrence(s.nextRunAt, s.intervalSeconds, now), updatedAt: now })
        .where(eq(jobSchedules.name, s.name));
    }
    const [next] = await tx
      .select({ at: min(jobSchedules.nextRunAt) })
      .from(jobSchedules)
      .where(inArray(jobSchedules.name, names));
    return next?.at ?? null;
  });
}
