import { RUN_BATCH_EXPORTS_JOB, runDueRuns, SCHEDULE_BATCH_EXPORTS_JOB, scheduleDueRuns } from "../../services/batch-exports";
import type { JobHandler } from "../types";

export { RUN_BATCH_EXPORTS_JOB, SCHEDULE_BATCH_EXPORTS_JOB };

/** Turns every running export's ended intervals into runs; then the runs are claimed by the run job. */
export const scheduleBatchExports: JobHandler = async ({ db, now, log }) => {
  const created = await scheduleDueRuns(db, now);
  if (created) log.info({ created }, "batch-export runs scheduled");
};

/**
 * Claims and runs due batch-export runs for up to four minutes (inside the job's lease); several of these jobs, in any
 * number of processes, share the runs without ever running one twice.
 */
export const runBatchExports: JobHandler = async ({ db, adapters, log, job }) => {
  await runDueRuns(db, { adapters, log, runnerId: `batch-exports:${job.id}`, now: () => new Date(), budgetMs: 240_000 });
};
