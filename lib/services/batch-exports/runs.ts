/**
 * Running exports: a runner claims one due run at a time with FOR UPDATE SKIP LOCKED (never a run whose export has
 * another run under way, so an export's intervals go out one after the other), streams the interval's rows into the
 * destination, and records the outcome: completed with its counts, or scheduled again with backoff until attempts run out.
 */
import { eq, type SQL, sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { Db, Executor } from "../../../db/client";
import { batchExports } from "../../../db/schema";
import { destinationClients, type Adapters } from "../../adapters";
import { errorMessage } from "../../adapters/destinations";
import { nextDelaySeconds } from "../../jobs/backoff";
import type { BatchExportModel, LogLevel } from "../../schemas/batch-exports";
import { settleBackfill } from "./backfills";
import { MODEL_COLUMNS, modelRows } from "./models";
import { storedDestination } from "./rows";

export type ClaimedRun = {
  id: string;
  batch_export_id: string;
  backfill_id: string | null;
  interval_start: Date;
  interval_end: Date;
  attempts: number;
  max_attempts: number;
};

async function rowsOf<T>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/**
 * Claims the due run of the earliest interval, counting an attempt and holding it until `lease`: a scheduled run whose
 * time has come, or a running one whose runner's lease ran out. A claim first locks its export's row (skipping exports
 * another runner is claiming), then chooses the run in a later statement: under READ COMMITTED that statement sees every
 * claim committed before the lock was granted, so two runners never start two runs of one export at once, and an
 * export's intervals go out in order.
 */
export async function claimRun(db: Executor, now: Date, lease: Date, runnerId: string, exportIds?: string[]): Promise<ClaimedRun | null> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const only = exportIds ? sql`and e.id = any(array[${sql.join(exportIds.map((id) => sql`${id}`), sql`, `)}]::uuid[])` : sql``;
  const due = sql`((c.status = 'scheduled' and c.next_attempt_at <= ${at}) or (c.status = 'running' and c.locked_until <= ${at}))`;
  const live = (exportId: SQL) =>
    sql`exists (select 1 from batch_export_runs o where o.batch_export_id = ${exportId} and o.status = 'running' and o.locked_until > ${at})`;
  return db.transaction(async (tx) => {
    const [locked] = await rowsOf<{ id: string }>(
      tx,
      sql`select e.id from batch_exports e
        where not e.paused ${only}
          and exists (select 1 from batch_export_runs c where c.batch_export_id = e.id and ${due})
          and not ${live(sql`e.id`)}
        order by (select min(c.interval_start) from batch_export_runs c where c.batch_export_id = e.id and ${due}), e.id
        limit 1
        for update of e skip locked`,
    );
    if (!locked) return null;
    const [run] = await rowsOf<ClaimedRun & { interval_start: Date | string; interval_end: Date | string }>(
      tx,
      sql`update batch_export_runs r
        set status = 'running', attempts = r.attempts + 1, locked_until = ${lease.toISOString()}::timestamptz,
            locked_by = ${runnerId}, started_at = ${at}, finished_at = null
        where r.id = (
          select c.id from batch_export_runs c
          where c.batch_export_id = ${locked.id}::uuid and ${due} and not ${live(sql`${locked.id}::uuid`)}
          order by c.interval_start, c.id
          limit 1
          for update of c skip locked)
        returning r.id, r.batch_export_id, r.backfill_id, r.interval_start, r.interval_end, r.attempts, r.max_attempts`,
    );
    if (!run) return null;
    return { ...run, interval_start: new Date(run.interval_start), interval_end: new Date(run.interval_end) };
  });
}

/** Writes a run log entry; the export may have been deleted meanwhile, which is no failure of the run. */
export async function writeLog(db: Executor, exportId: string, runId: string, level: LogLevel, message: string, at: Date) {
  await db.execute(sql`insert into batch_export_logs (batch_export_id, run_id, level, message, timestamp)
    select ${exportId}::uuid, ${runId}::uuid, ${level}, ${message}, ${at.toISOString()}::timestamptz
    where exists (select 1 from batch_export_runs where id = ${runId}::uuid)`);
}

/** The fence of a claim: only the runner holding this attempt may settle it. */
const fenced = (run: ClaimedRun, runnerId: string) =>
  sql`id = ${run.id} and status = 'running' and locked_by = ${runnerId} and attempts = ${run.attempts}`;

export type RunOptions = {
  adapters: Adapters;
  runnerId: string;
  now: () => Date;
  /** How long a claim holds a run; it is renewed every third of it while the run goes on (default 120 s). */
  leaseSeconds?: number;
  log?: Logger;
  /** Only runs of these exports (tests, which share one database); unset, any export's. */
  exportIds?: string[];
};

type Outcome = { status: "completed"; rows: number; bytes: number } | { status: "scheduled" | "failed"; error: string; retryAt?: Date };

async function exportInterval(db: Db, run: ClaimedRun, options: RunOptions): Promise<{ rows: number; bytes: number } | null> {
  const [row] = await db.select().from(batchExports).where(eq(batchExports.id, run.batch_export_id));
  if (!row) return null;
  const model = row.model as BatchExportModel;
  const client = (options.adapters.destinations ?? destinationClients).for(await storedDestination(db, row), { columns: MODEL_COLUMNS[model] });
  const rows = modelRows(db, model, { organizationId: row.organizationId, start: run.interval_start, end: run.interval_end, filters: row.filters ?? null });
  return client.exportRun({ exportId: row.id, intervalStart: run.interval_start, intervalEnd: run.interval_end, rows });
}

/** Runs one claimed run to its outcome and records it; never throws for the run's own failure. */
export async function executeRun(db: Db, run: ClaimedRun, options: RunOptions): Promise<Outcome> {
  const leaseMs = (options.leaseSeconds ?? 120) * 1000;
  const span = `${run.interval_start.toISOString()} to ${run.interval_end.toISOString()}`;
  await writeLog(db, run.batch_export_id, run.id, "INFO", `Run of ${span} started (attempt ${run.attempts} of ${run.max_attempts}).`, options.now());
  const renew = setInterval(() => {
    void db
      .execute(sql`update batch_export_runs set locked_until = ${new Date(options.now().getTime() + leaseMs).toISOString()}::timestamptz where ${fenced(run, options.runnerId)}`)
      .catch((err: unknown) => options.log?.warn({ err, run: run.id }, "a batch-export run's lease could not be renewed"));
  }, leaseMs / 3);
  renew.unref();
  let outcome: Outcome;
  try {
    if (run.attempts > run.max_attempts) throw new Error("The run stopped without finishing too many times.");
    const result = await exportInterval(db, run, options);
    outcome = { status: "completed", rows: result?.rows ?? 0, bytes: result?.bytes ?? 0 };
  } catch (err) {
    const error = errorMessage(err).slice(0, 2000);
    if (!(err instanceof Error && err.name === "DestinationError")) options.log?.error({ err, run: run.id }, "a batch-export run failed");
    const last = run.attempts >= run.max_attempts;
    outcome = last ? { status: "failed", error } : { status: "scheduled", error, retryAt: new Date(options.now().getTime() + nextDelaySeconds(run.attempts) * 1000) };
  } finally {
    clearInterval(renew);
  }
  await settleRun(db, run, outcome, options);
  return outcome;
}

/** Records the outcome and its log entry, only while this runner's claim still holds (a stale runner records nothing). */
async function settleRun(db: Db, run: ClaimedRun, outcome: Outcome, options: RunOptions) {
  const at = options.now();
  const iso = at.toISOString();
  await db.transaction(async (tx) => {
    let set: SQL;
    let level: LogLevel;
    let message: string;
    if (outcome.status === "completed") {
      set = sql`status = 'completed', records_completed = ${outcome.rows}, bytes_exported = ${outcome.bytes}, latest_error = null, finished_at = ${iso}::timestamptz, locked_until = null`;
      [level, message] = ["INFO", `Run completed: ${outcome.rows} rows, ${outcome.bytes} bytes.`];
    } else if (outcome.status === "scheduled") {
      const retryAt = (outcome.retryAt as Date).toISOString();
      set = sql`status = 'scheduled', latest_error = ${outcome.error}, next_attempt_at = ${retryAt}::timestamptz, locked_until = null, locked_by = null`;
      [level, message] = ["WARNING", `Attempt ${run.attempts} failed, retrying at ${retryAt}: ${outcome.error}`];
    } else {
      set = sql`status = 'failed', latest_error = ${outcome.error}, finished_at = ${iso}::timestamptz, locked_until = null`;
      [level, message] = ["ERROR", `Run failed after ${run.attempts} attempts: ${outcome.error}`];
    }
    const settled = await rowsOf<{ id: string }>(tx, sql`update batch_export_runs set ${set} where ${fenced(run, options.runnerId)} returning id`);
    if (!settled.length) return;
    await writeLog(tx, run.batch_export_id, run.id, level, message, at);
    if (run.backfill_id) await settleBackfill(tx, run.backfill_id, at);
  });
}

/**
 * Claims and runs due runs one after another until none is due or `budgetMs` has passed; returns how many ran. Any
 * number of runners may call it at once: each claims different runs.
 */
export async function runDueRuns(db: Db, options: RunOptions & { budgetMs?: number }): Promise<number> {
  const started = Date.now();
  const leaseMs = (options.leaseSeconds ?? 120) * 1000;
  let ran = 0;
  while (Date.now() - started < (options.budgetMs ?? 240_000)) {
    const now = options.now();
    const run = await claimRun(db, now, new Date(now.getTime() + leaseMs), options.runnerId, options.exportIds);
    if (!run) break;
    await executeRun(db, run, options);
    ran += 1;
  }
  return ran;
}
