/** The OpenAPI entries of an organization's batch exports, their runs, backfills, logs and connection tests. */
import {
  BackfillBatchExport,
  BatchExport,
  BatchExportBackfill,
  BatchExportPaused,
  BatchExportRun,
  BatchExportTestDescription,
  BatchExportTestStepResult,
  CreateBatchExport,
  PaginatedBatchExportBackfillList,
  PaginatedBatchExportList,
  PaginatedBatchExportLogEntryList,
  PaginatedBatchExportRunList,
  PatchedBatchExport,
  RunTestStep,
  RunTestStepNew,
  UnpauseBatchExport,
} from "../schemas/batch-exports";
import {
  backfillBatchExport,
  createBatchExport,
  deleteBatchExport,
  describeDestinationTest,
  getBatchExport,
  listBatchExportBackfills,
  listBatchExportLogs,
  listBatchExportRuns,
  listBatchExports,
  pauseBatchExport,
  retryBatchExportRun,
  runTestStep,
  runTestStepNew,
  unpauseBatchExport,
  updateBatchExport,
} from "../services/batch-exports";
import { api, type ApiRoute } from "./api-route";

const ROOT = "/api/organizations/{organization_id}/batch_exports";
const TAG = "Batch exports";
const SECRETS = "Destination secrets (`aws_secret_access_key`, `password`, `secret`) are write-only: never in a response, stored encrypted.";
const INTERNAL = "Needs the literal `INTERNAL` scope, which `*` does not hold: in practice signed-in sessions only.";

export const BATCH_EXPORT_ROUTES: ApiRoute[] = [
  api("get", `${ROOT}/`, listBatchExports, PaginatedBatchExportList, {
    operationId: "batch_exports_list", tag: TAG, summary: "List the organization's batch exports", description: `Any member; newest first. ${SECRETS}`,
  }),
  api("post", `${ROOT}/`, createBatchExport, BatchExport, {
    operationId: "batch_exports_create", tag: TAG, status: 201, body: CreateBatchExport,
    summary: "Create a batch export",
    description: `Administrators. Exports \`events\` (the activity log), \`persons\` (members) or \`sessions\` (members' sign-in sessions) every interval to S3, PostgreSQL or HTTP, from the current interval on. A destination URL or host the instance may not reach is 400 on \`destination\`. ${SECRETS}`,
  }),
  api("get", `${ROOT}/test/`, describeDestinationTest, BatchExportTestDescription, {
    operationId: "batch_exports_test_retrieve", tag: TAG,
    summary: "A destination type's connection test steps",
    description: `Any member. ${INTERNAL} Without \`destination\` the answer is 400, with an unknown type 404, both with an empty body.`,
    bodyless4xx: true,
  }),
  api("post", `${ROOT}/run_test_step_new/`, runTestStepNew, BatchExportTestStepResult, {
    operationId: "batch_exports_run_test_step_new_create", tag: TAG, body: RunTestStepNew,
    summary: "Run one connection test step of a new definition", description: `Administrators. ${INTERNAL} A failing step is a 200 with \`Failed\` and a message.`,
  }),
  api("get", `${ROOT}/{id}/`, getBatchExport, BatchExport, {
    operationId: "batch_exports_retrieve", tag: TAG, summary: "A batch export", description: `Any member; with its 10 latest runs. ${SECRETS}`,
  }),
  api("patch", `${ROOT}/{id}/`, updateBatchExport, BatchExport, {
    operationId: "batch_exports_partial_update", tag: TAG, body: PatchedBatchExport,
    summary: "Change a batch export",
    description: `Administrators. A destination of the same type sent without its secrets keeps the stored ones. A new interval continues from the next boundary. ${SECRETS}`,
  }),
  api("delete", `${ROOT}/{id}/`, deleteBatchExport, null, {
    operationId: "batch_exports_destroy", tag: TAG, status: 204, summary: "Delete a batch export", description: "Administrators. Its runs, backfills and logs go with it.",
  }),
  api("post", `${ROOT}/{id}/pause/`, pauseBatchExport, BatchExportPaused, {
    operationId: "batch_exports_pause_create", tag: TAG, summary: "Pause a batch export", description: "Administrators. No new runs; runs waiting to start are cancelled. The body is ignored.",
  }),
  api("post", `${ROOT}/{id}/unpause/`, unpauseBatchExport, BatchExportPaused, {
    operationId: "batch_exports_unpause_create", tag: TAG, body: UnpauseBatchExport,
    summary: "Unpause a batch export", description: "Administrators. Runs resume from the current interval; with `backfill: true` the intervals missed while paused run first, in order.",
  }),
  api("get", `${ROOT}/{id}/logs/`, listBatchExportLogs, PaginatedBatchExportLogEntryList, {
    operationId: "batch_exports_logs_retrieve", tag: TAG,
    summary: "A batch export's run logs",
    description: "Any member, signed in (personal API keys are refused). Newest first; `limit` 1 to 500 (default 50), outside is 400 on `limit`.",
  }),
  api("post", `${ROOT}/{id}/run_test_step/`, runTestStep, BatchExportTestStepResult, {
    operationId: "batch_exports_run_test_step_create", tag: TAG, body: RunTestStep,
    summary: "Run one connection test step of a batch export", description: `Administrators. ${INTERNAL} A destination in the body is merged over the stored one, secrets included.`,
  }),
  api("post", `${ROOT}/{id}/backfill/`, backfillBatchExport, BatchExportBackfill, {
    operationId: "batch_exports_backfill_create", tag: TAG, status: 201, body: BackfillBatchExport,
    summary: "Backfill a range", description: "Administrators. Every interval covering [start_at, end_at) runs again, in order; at most 10,000 intervals.",
  }),
  api("get", `${ROOT}/{id}/backfills/`, listBatchExportBackfills, PaginatedBatchExportBackfillList, {
    operationId: "batch_exports_backfills_list", tag: TAG, summary: "A batch export's backfills", description: "Any member; newest first, each with `finished_runs` of `total_runs`.",
  }),
  api("get", `${ROOT}/{id}/runs/`, listBatchExportRuns, PaginatedBatchExportRunList, {
    operationId: "batch_exports_runs_list", tag: TAG, summary: "A batch export's runs", description: "Any member; newest interval first, with status, row count and error.",
  }),
  api("post", `${ROOT}/{id}/runs/{run_id}/retry/`, retryBatchExportRun, BatchExportRun, {
    operationId: "batch_exports_runs_retry_create", tag: TAG, summary: "Run an interval again", description: "Administrators. A completed, failed or cancelled run is scheduled again from its first attempt.",
  }),
];
