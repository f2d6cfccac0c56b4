import type { Logger } from "pino";
import type { Db } from "../../db/client";
import type { jobs } from "../../db/schema";
import type { Adapters } from "../adapters";

/** A claimed job row: `attempts` already counts the run in progress. */
export type Job = typeof jobs.$inferSelect;

/**
 * What a handler gets: the database (not a transaction), the outside systems, the runner's clock, a logger, the job.
 */
export type JobContext = { db: Db; adapters: Adapters; now: Date; log: Logger; job: Job };

/**
 * Runs one job and throws to have it retried; a job can run more than once (its runner died mid-way), so it must be
 * safe to repeat.
 */
export type JobHandler = (ctx: JobContext) => Promise<void>;

/**
 * Recurring work: one job of `kind` every `intervalSeconds`, created once per occurrence whatever the number of
 * runners.
 */
export type JobSchedule = { name: string; kind: string; payload?: Record<string, unknown>; intervalSeconds: number };
