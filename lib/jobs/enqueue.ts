import type { Executor } from "../../db/client";
import { jobs } from "../../db/schema";

/** When a job may run, whether it must exist once, and how often it may be tried. */
export type EnqueueOptions = {
  /** Not before this time (default: now). */
  runAt?: Date;
  /** Work that must exist once: while a job with this key exists, enqueueing it again does nothing. */
  uniqueKey?: string;
  /** Attempts before the job is marked failed (default 10). */
  maxAttempts?: number;
};

/**
 * Adds a pending job on the caller's executor, so inside a transaction it exists only if that commits; returns its id,
 * or null when its uniqueKey already exists (`on conflict do nothing`).
 */
export async function enqueueJob(
  executor: Executor,
  kind: string,
  payload: Record<string, unknown> = {},
  options: EnqueueOptions = {},
): Promise<string | null> {
  const [row] = await executor
    .insert(jobs)
    .values({
      kind,
      payload,
      // The app's clock, not the database's: runners compare run_at with their own clock.
      runAt: options.runAt ?? new Date(),
      uniqueKey: options.uniqueKey ?? null,
      maxAttempts: options.maxAttempts ?? 10,
    })
    .onConflictDoNothing()
    .returning({ id: jobs.id });
  return row?.id ?? null;
}

/** Adds one pending job of `kind` per payload in a single insert, on the caller's executor (no unique keys). */
export async function enqueueJobs(
  executor: Executor,
  kind: string,
  payloads: Record<string, unknown>[],
  options: Omit<EnqueueOptions, "uniqueKey"> = {},
): Promise<void> {
  if (!payloads.length) return;
  const runAt = options.runAt ?? new Date();
  const maxAttempts = options.maxAttempts ?? 10;
  await executor.insert(jobs).values(payloads.map((payload) => ({ kind, payload, runAt, maxAttempts })));
}
