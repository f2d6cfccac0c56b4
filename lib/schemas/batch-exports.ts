/**
 * Batch exports on the wire: an organization's activity log (`events`), members (`persons`) or their sign-in sessions
 * (`sessions`), delivered interval by interval to a destination. Client-safe: the console's forms use these schemas.
 */
import { z } from "zod";
import { DESTINATION_TYPES } from "./batch-export-destinations";
import { isoDateTime, MEMBERSHIP_LEVELS, paginated, paginationQuery, requiredText, text, timestamp } from "./common";

export const BATCH_EXPORT_MODELS = ["events", "persons", "sessions"] as const;
export type BatchExportModel = (typeof BATCH_EXPORT_MODELS)[number];

export const BATCH_EXPORT_INTERVALS = ["hour", "day", "week", "every 5 minutes", "every 15 minutes"] as const;
export type BatchExportInterval = (typeof BATCH_EXPORT_INTERVALS)[number];

export const RUN_STATUSES = ["scheduled", "running", "completed", "failed", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const LOG_LEVELS = ["DEBUG", "INFO", "WARNING", "ERROR"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const ModelEnum = z.enum(BATCH_EXPORT_MODELS).meta({ id: "ModelEnum", description: "`events`: the activity log; `persons`: members; `sessions`: members' sign-in sessions." });
export const IntervalEnum = z.enum(BATCH_EXPORT_INTERVALS).meta({ id: "BatchExportIntervalEnum" });

/** One value or a list of them, stored as a list. */
const oneOrMany = <T extends z.ZodType>(item: T) => z.preprocess((value) => (Array.isArray(value) ? value : [value]), z.array(item).min(1).max(100));

/**
 * Which rows an export sends: for `events`, activity-log entries of these scopes and activities; for `persons`, members
 * of these levels. Each key is one value or a list; a key that does not apply to the model is refused.
 */
export const batchExportFilters = z
  .object({
    scope: oneOrMany(text(64).min(1)).optional(),
    activity: oneOrMany(text(64).min(1)).optional(),
    level: oneOrMany(z.literal(MEMBERSHIP_LEVELS)).optional(),
  })
  .meta({ id: "BatchExportFilters" });
export type BatchExportFilters = z.output<typeof batchExportFilters>;

/** The filter keys each model understands. */
export const MODEL_FILTER_KEYS: Record<BatchExportModel, readonly (keyof BatchExportFilters)[]> = {
  events: ["scope", "activity"],
  persons: ["level"],
  sessions: [],
};

/**
 * A destination as a request gives it; its config is validated against the type's schema by the operation, after the
 * stored secrets are filled in (a PATCH may leave them out).
 */
export const destinationInput = z
  .object({
    type: z.enum(DESTINATION_TYPES).meta({ description: "`S3`, `Postgres` or `HTTP`; other types of the reference are not supported." }),
    config: z.record(z.string(), z.unknown()).default({}),
  })
  .meta({ id: "BatchExportDestinationInput" });

const definitionFields = {
  name: requiredText(255),
  model: ModelEnum,
  destination: destinationInput,
  interval: IntervalEnum,
  paused: z.boolean(),
  start_at: isoDateTime.nullable().meta({ description: "No interval that ends at or before this time is run." }),
  end_at: isoDateTime.nullable().meta({ description: "No interval that starts at or after this time is run." }),
  filters: batchExportFilters.nullable(),
  hogql_query: text(10_000).nullable().meta({ description: "Not supported: only empty or null is accepted." }),
};

export const createBatchExportInput = z.object({
  ...definitionFields,
  model: ModelEnum.default("events"),
  paused: z.boolean().default(false),
  start_at: definitionFields.start_at.optional(),
  end_at: definitionFields.end_at.optional(),
  filters: definitionFields.filters.optional(),
  hogql_query: definitionFields.hogql_query.optional(),
});
export type CreateBatchExportInput = z.output<typeof createBatchExportInput>;

export const patchBatchExportInput = z.object(definitionFields).partial();
export type PatchBatchExportInput = z.output<typeof patchBatchExportInput>;

export const batchExportIdInput = z.object({ id: z.string() });
export const patchBatchExportByIdInput = patchBatchExportInput.extend({ id: z.string() });

export const unpauseInput = z.object({ id: z.string(), backfill: z.boolean().default(false) });

export const backfillInput = z.object({ id: z.string(), start_at: isoDateTime, end_at: isoDateTime });

export const listRunsInput = paginationQuery.extend({ id: z.string() });
export const runIdInput = z.object({ id: z.string(), run_id: z.string() });

export const MAX_LOG_LIMIT = 500;

/** `limit` of the logs: an integer from 1 to 500 (default 50); anything else is refused. */
const logLimit = z
  .unknown()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === "") return 50;
    const n = typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n)) {
      ctx.issues.push({ code: "custom", message: "A valid integer is required.", input: value });
      return z.NEVER;
    }
    if (n < 1 || n > MAX_LOG_LIMIT) {
      const message = n < 1 ? "Ensure this value is greater than or equal to 1." : `Ensure this value is less than or equal to ${MAX_LOG_LIMIT}.`;
      ctx.issues.push({ code: "custom", message, input: value });
      return z.NEVER;
    }
    return n;
  })
  .meta({ type: "integer", description: "Entries per page, 1 to 500 (default 50)." });

export const logsInput = z.object({
  id: z.string(),
  limit: logLimit,
  offset: paginationQuery.shape.offset,
  after: isoDateTime.optional(),
  before: isoDateTime.optional(),
  level: text(200).optional().meta({ description: "Comma-separated levels (DEBUG, INFO, WARNING, ERROR), any case." }),
  search: text(200).optional().meta({ description: "Entries whose message contains this text, any case." }),
  instance_id: text(64).optional().meta({ description: "The run whose entries to list." }),
});

export const testDescriptionInput = z.object({ destination: z.string().optional() });

const stepField = z.int().min(0).max(20).default(0).meta({ description: "The index of the step to run (0 first)." });

export const runTestStepNewInput = z.object({ ...createBatchExportInput.partial().shape, destination: destinationInput, step: stepField });
export const runTestStepInput = z.object({ ...patchBatchExportInput.shape, id: z.string(), step: stepField });

export const BatchExportDestination = z
  .strictObject({
    type: z.enum(DESTINATION_TYPES),
    config: z.record(z.string(), z.unknown()).meta({ description: "The destination's settings without its secrets, which are write-only." }),
  })
  .meta({ id: "BatchExportDestination" });

export const BatchExportRun = z
  .strictObject({
    id: z.uuid(),
    batch_export_id: z.uuid(),
    backfill_id: z.uuid().nullable(),
    status: z.enum(RUN_STATUSES),
    interval_start: timestamp,
    interval_end: timestamp,
    records_completed: z.int().nullable(),
    bytes_exported: z.int().nullable(),
    attempts: z.int(),
    latest_error: z.string().nullable(),
    next_attempt_at: timestamp.nullable(),
    created_at: timestamp,
    started_at: timestamp.nullable(),
    finished_at: timestamp.nullable(),
  })
  .meta({ id: "BatchExportRun" });
export type BatchExportRun = z.infer<typeof BatchExportRun>;

export const BatchExport = z
  .strictObject({
    id: z.uuid(),
    name: z.string(),
    model: ModelEnum,
    destination: BatchExportDestination,
    interval: IntervalEnum,
    paused: z.boolean(),
    last_paused_at: timestamp.nullable(),
    start_at: timestamp.nullable(),
    end_at: timestamp.nullable(),
    filters: z.record(z.string(), z.unknown()).nullable(),
    created_at: timestamp,
    latest_runs: z.array(BatchExportRun).optional().meta({ description: "On retrieve only: the 10 latest runs, newest interval first." }),
  })
  .meta({ id: "BatchExport" });
export type BatchExport = z.infer<typeof BatchExport>;

export const PaginatedBatchExportList = paginated(BatchExport, "BatchExport");
export const PaginatedBatchExportRunList = paginated(BatchExportRun, "BatchExportRun");

export const CreateBatchExport = createBatchExportInput.meta({ id: "CreateBatchExport" });
export const PatchedBatchExport = patchBatchExportInput.meta({ id: "PatchedBatchExport" });

export const BatchExportPaused = z.strictObject({ paused: z.boolean() }).meta({ id: "BatchExportPaused" });
export const UnpauseBatchExport = z.object({ backfill: z.boolean().optional() }).meta({ id: "UnpauseBatchExport" });

export const BatchExportBackfill = z
  .strictObject({
    id: z.uuid(),
    batch_export_id: z.uuid(),
    start_at: timestamp,
    end_at: timestamp,
    status: z.enum(["running", "completed", "failed"]),
    total_runs: z.int(),
    finished_runs: z.int().meta({ description: "Runs of the backfill completed or failed so far." }),
    created_at: timestamp,
    finished_at: timestamp.nullable(),
  })
  .meta({ id: "BatchExportBackfill" });
export type BatchExportBackfill = z.infer<typeof BatchExportBackfill>;
export const PaginatedBatchExportBackfillList = paginated(BatchExportBackfill, "BatchExportBackfill");
export const BackfillBatchExport = z.object({ start_at: isoDateTime, end_at: isoDateTime }).meta({ id: "BackfillBatchExport" });

export const BatchExportLogEntry = z
  .strictObject({
    log_source_id: z.uuid().meta({ description: "The export." }),
    instance_id: z.string().meta({ description: "The run, or the export for entries about it as a whole." }),
    timestamp,
    level: z.enum(LOG_LEVELS),
    message: z.string(),
  })
  .meta({ id: "BatchExportLogEntry" });
export type BatchExportLogEntry = z.infer<typeof BatchExportLogEntry>;
export const PaginatedBatchExportLogEntryList = paginated(BatchExportLogEntry, "BatchExportLogEntry");

export const BatchExportTestStep = z.strictObject({ name: z.string(), description: z.string() }).meta({ id: "BatchExportTestStep" });
export const BatchExportTestDescription = z.strictObject({ steps: z.array(BatchExportTestStep) }).meta({ id: "BatchExportTestDescription" });
export const BatchExportTestStepResult = z
  .strictObject({
    name: z.string(),
    result: z.strictObject({ status: z.enum(["Passed", "Failed"]), message: z.string().nullable() }),
  })
  .meta({ id: "BatchExportTestStepResult" });
export const RunTestStepNew = runTestStepNewInput.meta({ id: "RunTestStepNew" });
export const RunTestStep = runTestStepInput.omit({ id: true }).meta({ id: "RunTestStep" });
