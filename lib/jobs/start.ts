import type { Db } from "../../db/client";
import { recurringJobs } from "./kinds";
import { watchOutbox } from "./kinds/mail-outbox";
import { JobRunner, type RunnerOptions } from "./runner";

const store = globalThis as typeof globalThis & { __orgdeckJobRunner?: { runner: JobRunner; unwatch: () => void } };

/** The runner's options and how often it polls (default every second). */
export type StartOptions = RunnerOptions & { pollMs?: number };

/**
 * Starts this process's one job runner (a later call returns it) with the code's recurring jobs, a poll every second,
 * and a drain as soon as mail is queued.
 */
export function startJobRunner(db: Db, options: StartOptions = {}): JobRunner {
  if (store.__orgdeckJobRunner) return store.__orgdeckJobRunner.runner;
  const { pollMs = 1000, ...runnerOptions } = options;
  const runner = new JobRunner(db, { schedules: recurringJobs, ...runnerOptions });
  store.__orgdeckJobRunner = { runner, unwatch: watchOutbox(runner) };
  return runner.start(pollMs);
}

/** Stops this process's job runner, waiting for the jobs it is running. */
export async function stopJobRunner() {
  const running = store.__orgdeckJobRunner;
  store.__orgdeckJobRunner = undefined;
  if (!running) return;
  running.unwatch();
  await running.runner.stop();
}
