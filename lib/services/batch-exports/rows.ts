/** Batch-export rows: lookup within the organization, the wire shape, the audit fields and the sealed destination secrets. */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db, Executor } from "../../../db/client";
import { batchExportRuns, batchExports } from "../../../db/schema";
import { destinationProblem } from "../../adapters/destinations";
import { openSecret, sealSecret } from "../../crypto/secret-box";
import { env } from "../../env";
import { AppError, notFound } from "../../errors";
import {
  batchExportDestination,
  DESTINATION_SECRET_KEYS,
  isSecretConfigKey,
  type BatchExportDestination,
  type DestinationType,
} from "../../schemas/batch-export-destinations";
import type { BatchExport, BatchExportInterval, BatchExportModel, BatchExportRun, RunStatus } from "../../schemas/batch-exports";
import { isUuid } from "../../schemas/common";
import { parseInput } from "../../schemas/parse";
import { iso } from "../serialize";

/** The activity-log scope of batch exports. */
export const BATCH_EXPORT_SCOPE = "BatchExport";

export type BatchExportRow = typeof batchExports.$inferSelect;
export type RunRow = typeof batchExportRuns.$inferSelect;

export function serializeRun(row: RunRow): BatchExportRun {
  return {
    id: row.id,
    batch_export_id: row.batchExportId,
    backfill_id: row.backfillId,
    status: row.status as RunStatus,
    interval_start: iso(row.intervalStart),
    interval_end: iso(row.intervalEnd),
    records_completed: row.recordsCompleted,
    bytes_exported: row.bytesExported,
    attempts: row.attempts,
    latest_error: row.latestError,
    next_attempt_at: row.status === "scheduled" ? iso(row.nextAttemptAt) : null,
    created_at: iso(row.createdAt),
    started_at: iso(row.startedAt),
    finished_at: iso(row.finishedAt),
  };
}

/** The destination as every reader sees it: its public config, never a secret. */
function publicConfig(type: string, config: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(config).filter(([key]) => !isSecretConfigKey(type, key)));
}

export function serializeExport(row: BatchExportRow): BatchExport {
  return {
    id: row.id,
    name: row.name,
    model: row.model as BatchExportModel,
    destination: { type: row.destinationType as DestinationType, config: publicConfig(row.destinationType, row.destinationConfig) },
    interval: row.interval as BatchExportInterval,
    paused: row.paused,
    last_paused_at: iso(row.lastPausedAt),
    start_at: iso(row.startAt),
    end_at: iso(row.endAt),
    filters: row.filters ?? null,
    created_at: iso(row.createdAt),
  };
}

/** What the activity log records of an export: its public fields (secrets are never in them). */
export function auditedFields(row: BatchExportRow) {
  const { created_at: _created, id: _id, last_paused_at: _paused, ...fields } = serializeExport(row);
  return fields;
}

/** One export of the organization, locked for update when asked; 404 for anything else. */
export async function exportOf(db: Executor, organizationId: string, id: string, options: { lock?: boolean } = {}): Promise<BatchExportRow> {
  if (!isUuid(id)) throw notFound();
  const query = db
    .select()
    .from(batchExports)
    .where(and(eq(batchExports.organizationId, organizationId), eq(batchExports.id, id.toLowerCase())));
  const [row] = options.lock ? await query.for("update") : await query;
  if (!row) throw notFound();
  return row;
}

const destinationField = z.object({ destination: batchExportDestination });

/** What a sealed secret is bound to: its export's row, so it cannot be moved to another. */
const secretContext = (exportId: string) => `batch_exports.destination_secrets:${exportId}`;

/** Splits a parsed destination into the stored public config and the sealed secrets (null when it has none). */
export async function sealDestination(db: Db, exportId: string, destination: BatchExportDestination) {
  const config = destination.config as Record<string, unknown>;
  const secrets = Object.fromEntries(DESTINATION_SECRET_KEYS[destination.type].flatMap((key) => (config[key] == null ? [] : [[key, config[key]]])));
  const sealed = Object.keys(secrets).length ? await sealSecret(db, JSON.stringify(secrets), secretContext(exportId)) : null;
  return { type: destination.type, config: publicConfig(destination.type, config), sealed };
}

/** The stored destination with its secrets opened: what runs and test steps connect with. */
export async function storedDestination(db: Db, row: BatchExportRow): Promise<BatchExportDestination> {
  const secrets = row.destinationSecrets ? (JSON.parse(await openSecret(db, row.destinationSecrets, secretContext(row.id))) as Record<string, unknown>) : {};
  return batchExportDestination.parse({ type: row.destinationType, config: { ...row.destinationConfig, ...secrets } });
}

/**
 * A request's destination parsed against its type's schema (errors on `destination__config__<field>`), then held to the
 * outbound rules of this instance (400 on `destination`).
 */
export function parseDestination(raw: unknown): BatchExportDestination {
  const { destination } = parseInput(destinationField, { destination: raw });
  const problem = destinationProblem(destination, { allowPrivate: env().ORGDECK_ALLOW_PRIVATE_URLS });
  if (problem) throw new AppError("invalid_input", { detail: problem, attr: "destination" });
  return destination;
}
