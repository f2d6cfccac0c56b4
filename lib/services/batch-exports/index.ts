/** Batch exports: an organization's activity log, members or sessions delivered on a schedule to S3, PostgreSQL or HTTP. */
export { createBatchExport, deleteBatchExport, getBatchExport, listBatchExports, updateBatchExport } from "./crud";
export { backfillBatchExport, listBatchExportBackfills, listBatchExportLogs, listBatchExportRuns, pauseBatchExport, retryBatchExportRun, unpauseBatchExport } from "./actions";
export { describeDestinationTest, runTestStep, runTestStepNew } from "./test-steps";
export { RUN_BATCH_EXPORTS_JOB, SCHEDULE_BATCH_EXPORTS_JOB } from "./job-names";
export { scheduleDueRuns } from "./scheduler";
export { runDueRuns } from "./runs";
