import { and, eq, lt, or } from "drizzle-orm";
import { jobs } from "../../../db/schema";
import { pruneRateLimitWindows } from "../../services/rate-limits";
import type { JobHandler } from "../types";

/** The job kind (and hourly schedule) that deletes old finished jobs. */
export const PRUNE_JOBS = "jobs.prune";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Failed jobs stay longer than done ones: someone may need to read why they failed. */
const KEEP_DONE_MS = DAY_MS;
const KEEP_FAILED_MS = 30 * DAY_MS;

const finishedBefore = (status: string, cutoff: Date) =>
  // run_at never follows finished_at, so its condition lets the (status, run_at) index find the rows.
  and(eq(jobs.status, status), lt(jobs.runAt, cutoff), lt(jobs.finishedAt, cutoff));

/**
 * Deletes finished jobs past their retention (done after a day, failed after 30 days), since recurring work adds a row
 * per occurrence, and the abuse limits' old counting windows.
 */
export const pruneJobs: JobHandler = async ({ db, now, log }) => {
  const deleted = await db
    .delete(jobs)
    .where(
      or(
        finishedBefore("done", new Date(now.getTime() - KEEP_DONE_MS)),
        finishedBefore("failed", new Date(now.getTime() - KEEP_FAILED_MS)),
      ),
    )
    .returning({ id: jobs.id });
  if (deleted.length) log.info({ deleted: deleted.length }, "old jobs pruned");
  const windows = await pruneRateLimitWindows(db, now);
  if (windows) log.info({ deleted: windows }, "old rate-limit windows pruned");
};
