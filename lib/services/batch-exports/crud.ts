import { randomUUID } from "node:crypto";
import { and, count, desc, eq } from "drizzle-orm";
import { batchExportRuns, batchExports } from "../../../db/schema";
import { USER_CALLERS } from "../../auth/principal";
import { withStoredSecrets } from "../../schemas/batch-export-destinations";
import { batchExportIdInput, createBatchExportInput, patchBatchExportByIdInput, type BatchExportModel, type BatchExportInterval } from "../../schemas/batch-exports";
import { paginationQuery } from "../../schemas/common";
import { diffChanges, recordActivity, wholeObjectChanges } from "../activity";
import { operation } from "../operation";
import { Page } from "../page";
import { checkFilters, checkQuery, checkWindow, toDate } from "./definition";
import { intervalCeil, intervalFloor } from "./intervals";
import { pauseRow, resumeRow } from "./pausing";
import { auditedFields, BATCH_EXPORT_SCOPE, exportOf, parseDestination, sealDestination, serializeExport, serializeRun, storedDestination } from "./rows";

/** How many runs a retrieved export shows. */
const LATEST_RUNS = 10;

export const listBatchExports = operation({
  permission: "batch_export:read",
  callers: USER_CALLERS,
  input: paginationQuery,
  run: async ({ db, organization }, { limit, offset }) => {
    const where = eq(batchExports.organizationId, organization.id);
    const [rows, [total]] = await Promise.all([
      db.select().from(batchExports).where(where).orderBy(desc(batchExports.createdAt), desc(batchExports.id)).limit(limit).offset(offset),
      db.select({ n: count() }).from(batchExports).where(where),
    ]);
    return new Page(rows.map(serializeExport), total.n, { limit, offset });
  },
});

/** One export with its latest runs; its destination's secrets are never shown. */
export const getBatchExport = operation({
  permission: "batch_export:read",
  callers: USER_CALLERS,
  input: batchExportIdInput,
  run: async ({ db, organization }, { id }) => {
    const row = await exportOf(db, organization.id, id);
    const runs = await db
      .select()
      .from(batchExportRuns)
      .where(eq(batchExportRuns.batchExportId, row.id))
      .orderBy(desc(batchExportRuns.intervalStart))
      .limit(LATEST_RUNS);
    return { ...serializeExport(row), latest_runs: runs.map(serializeRun) };
  },
});

/** The first interval the scheduler considers: the one holding the later of now and `start_at` (no automatic backfill). */
function firstBoundary(interval: BatchExportInterval, now: Date, startAt: Date | null) {
  return intervalFloor(interval, startAt && startAt > now ? startAt : now);
}

/**
 * Creates an export (administrators): the destination is checked against the outbound rules and its secrets are sealed;
 * intervals are exported from the current one on, never before `start_at`.
 */
export const createBatchExport = operation({
  permission: "batch_export:write",
  callers: USER_CALLERS,
  input: createBatchExportInput,
  run: async ({ db, organization, principal, user, now }, input) => {
    const destination = parseDestination(input.destination);
    const filters = checkFilters(input.model, input.filters);
    checkQuery(input.hogql_query);
    const [startAt, endAt] = [toDate(input.start_at), toDate(input.end_at)];
    checkWindow(startAt, endAt);
    const id = randomUUID();
    const sealed = await sealDestination(db, id, destination);
    return db.transaction(async (tx) => {
      const [row] = await tx
        .insert(batchExports)
        .values({
          id,
          organizationId: organization.id,
          name: input.name,
          model: input.model,
          destinationType: sealed.type,
          destinationConfig: sealed.config,
          destinationSecrets: sealed.sealed,
          interval: input.interval,
          paused: input.paused,
          lastPausedAt: input.paused ? now : null,
          startAt,
          endAt,
          filters,
          scheduledUntil: firstBoundary(input.interval, now, startAt),
          createdById: user?.id ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      const changes = wholeObjectChanges(BATCH_EXPORT_SCOPE, "created", auditedFields(row));
      await recordActivity(tx, principal, { organizationId: organization.id, scope: BATCH_EXPORT_SCOPE, itemId: row.id, activity: "created", name: row.name, changes }, now);
      return serializeExport(row);
    });
  },
});

/**
 * Changes an export (administrators); a destination of the same type sent without its secrets keeps the stored ones.
 * A new interval continues from the next boundary, so no rows are exported twice; `paused: true` pauses as pause does.
 */
export const updateBatchExport = operation({
  permission: "batch_export:write",
  callers: USER_CALLERS,
  input: patchBatchExportByIdInput,
  run: async ({ db, organization, principal, now }, { id, ...input }) => {
    const found = await exportOf(db, organization.id, id);
    let sealed: Awaited<ReturnType<typeof sealDestination>> | null = null;
    if (input.destination !== undefined) {
      const stored = input.destination.type === found.destinationType ? await storedDestination(db, found) : null;
      sealed = await sealDestination(db, found.id, parseDestination(withStoredSecrets(input.destination, stored)));
    }
    checkQuery(input.hogql_query);
    return db.transaction(async (tx) => {
      const before = await exportOf(tx, organization.id, id, { lock: true });
      const model = (input.model ?? before.model) as BatchExportModel;
      const interval = (input.interval ?? before.interval) as BatchExportInterval;
      const filters = input.filters !== undefined ? checkFilters(model, input.filters) : checkFilters(model, before.filters as never);
      const startAt = input.start_at !== undefined ? toDate(input.start_at) : before.startAt;
      const endAt = input.end_at !== undefined ? toDate(input.end_at) : before.endAt;
      checkWindow(startAt, endAt);
      const scheduledUntil = before.scheduledUntil && interval !== before.interval ? intervalCeil(interval, before.scheduledUntil) : before.scheduledUntil;
      const [changed] = await tx
        .update(batchExports)
        .set({
          ...(input.name !== undefined && { name: input.name }),
          model,
          interval,
          filters,
          startAt,
          endAt,
          scheduledUntil,
          ...(sealed && { destinationType: sealed.type, destinationConfig: sealed.config, destinationSecrets: sealed.sealed }),
          updatedAt: now,
        })
        .where(eq(batchExports.id, before.id))
        .returning();
      const after = input.paused === true && !changed.paused ? await pauseRow(tx, changed, now) : input.paused === false && changed.paused ? await resumeRow(tx, changed, now) : changed;
      const changes = diffChanges(BATCH_EXPORT_SCOPE, auditedFields(before), auditedFields(after));
      if (changes.length > 0 || sealed) {
        await recordActivity(tx, principal, { organizationId: organization.id, scope: BATCH_EXPORT_SCOPE, itemId: after.id, activity: "updated", name: after.name, changes }, now);
      }
      return serializeExport(after);
    });
  },
});

/** Removes an export (administrators) with its runs, backfills and logs; a run under way finishes but records nothing. */
export const deleteBatchExport = operation({
  permission: "batch_export:write",
  callers: USER_CALLERS,
  input: batchExportIdInput,
  run: async ({ db, organization, principal, now }, { id }) => {
    await db.transaction(async (tx) => {
      const row = await exportOf(tx, organization.id, id, { lock: true });
      await tx.delete(batchExports).where(and(eq(batchExports.id, row.id), eq(batchExports.organizationId, organization.id)));
      const changes = wholeObjectChanges(BATCH_EXPORT_SCOPE, "deleted", auditedFields(row));
      await recordActivity(tx, principal, { organizationId: organization.id, scope: BATCH_EXPORT_SCOPE, itemId: row.id, activity: "deleted", name: row.name, changes }, now);
    });
    return null;
  },
});
