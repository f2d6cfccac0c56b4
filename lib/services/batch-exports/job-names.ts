/** The job kinds of batch exports (their handlers are in lib/jobs/kinds). */
export const SCHEDULE_BATCH_EXPORTS_JOB = "batch_exports.schedule";
export const RUN_BATCH_EXPORTS_JOB = "batch_exports.run";
