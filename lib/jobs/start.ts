import type { Db } from "../../db/client";
import { jobLanes, recurringJobs } from "./kinds";
import { watchOutbox } from "./kinds/mail-outbox";
import { JobRunner, type RunnerOptions } from "./runner";

type Running = { runner: JobRunner; lanes: JobRunner[]; unwatch: () => void };
const store = globalThis as typeof globalThis & { __orgdeckJobRunner?: Running };

/** The runner's options and how often it polls (default every second). */
export type StartOptions = RunnerOptions & { pollMs?: number };

/**
 * Starts this process's one job runner (a later call returns it) with the code's recurring jobs, a poll every second,
 * and a drain as soon as mail is queued; beside it, one runner per lane for the kinds that have their own.
 */
export function startJobRunner(db: Db, options: StartOptions = {}): JobRunner {
  if (store.__orgdeckJobRunner) return store.__orgdeckJobRunner.runner;
  const { pollMs = 1000, ...runnerOptions } = options;
  const laneKinds = jobLanes.flatMap((lane) => lane.kinds);
  const runner = new JobRunner(db, { schedules: recurringJobs, claimKinds: { except: laneKinds }, ...runnerOptions });
  const lanes = jobLanes.map((lane) =>
    new JobRunner(db, {
      ...runnerOptions,
      id: `${runner.id}:${lane.name}`,
      schedules: [],
      concurrency: lane.concurrency(),
      claimKinds: { only: lane.kinds },
    }).start(pollMs),
  );
  store.__orgdeckJobRunner = { runner, lanes, unwatch: watchOutbox(runner) };
  return runner.start(pollMs);
}

/** Stops this process's job runners, waiting for the jobs they are running. */
export async function stopJobRunner() {
  const running = store.__orgdeckJobRunner;
  store.__orgdeckJobRunner = undefined;
  if (!running) return;
  running.unwatch();
  await Promise.all([running.runner.stop(), ...running.lanes.map((lane) => lane.stop())]);
}
