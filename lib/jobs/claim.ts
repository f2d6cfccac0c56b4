import { and, eq, inArray, lt, lte, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { jobs } from "../../db/schema";
import { nextDelaySeconds } from "./backoff";
import type { Job } from "./types";

/** Who claims, by which clock, for how long, and how many jobs at most. */
export type ClaimOptions = { runnerId: string; now: Date; leaseSeconds: number; limit: number };

/**
 * Claims up to `limit` due jobs (running past an expired lease first, then pending and due, oldest first) for one runner
 * alone, counting an attempt.
 */
export async function claimJobs(db: Executor, options: ClaimOptions): Promise<Job[]> {
  // Two claims rather than one with `or`: each walks jobs_due_idx (status, run_at) in order and stops at `limit`, where
  // the `or` made PostgreSQL read and sort every due job on each claim (milliseconds each with a backlog of thousands).
  const expired = and(eq(jobs.status, "running"), lt(jobs.lockedUntil, options.now));
  const taken = await claimWhere(db, expired, options, options.limit);
  if (taken.length === options.limit) return taken;
  const due = and(eq(jobs.status, "pending"), lte(jobs.runAt, options.now));
  return [...taken, ...(await claimWhere(db, due, options, options.limit - taken.length))];
}

async function claimWhere(db: Executor, condition: SQL | undefined, { runnerId, now, leaseSeconds }: ClaimOptions, limit: number) {
  // SKIP LOCKED: runners on any number of instances claim side by side, never waiting on one another or sharing a row.
  const due = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(condition)
    .orderBy(jobs.runAt)
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(jobs)
    .set({
      status: "running",
      attempts: sql`${jobs.attempts} + 1`,
      lockedUntil: new Date(now.getTime() + leaseSeconds * 1000),
      lockedBy: runnerId,
    })
    .where(inArray(jobs.id, due))
    .returning();
}

/** How a run ended: no error is success; `final` fails the job without further attempts. */
export type Outcome = { error?: string; final?: boolean };

/**
 * Records a run as done, failed (attempts used up, or final) or pending after the shared backoff, if its claim still
 * holds; returns whether it did.
 */
export async function settleJob(db: Executor, job: Job, outcome: Outcome, now: Date): Promise<boolean> {
  // The attempt count fences the claim: a runner that outlived its lease must not overwrite the run that replaced it.
  const ownClaim = and(eq(jobs.id, job.id), eq(jobs.attempts, job.attempts), eq(jobs.status, "running"));
  const released = { lockedUntil: null, lockedBy: null };
  const giveUp = outcome.final || job.attempts >= job.maxAttempts;
  const set =
    outcome.error === undefined
      ? { ...released, status: "done", finishedAt: now, lastError: null }
      : giveUp
        ? { ...released, status: "failed", finishedAt: now, lastError: outcome.error.slice(0, 2000) }
        : {
            ...released,
            status: "pending",
            runAt: new Date(now.getTime() + nextDelaySeconds(job.attempts) * 1000),
            lastError: outcome.error.slice(0, 2000),
          };
  const rows = await db.update(jobs).set(set).where(ownClaim).returning({ id: jobs.id });
  return rows.length === 1;
}
