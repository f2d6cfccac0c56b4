import type { Db } from "../../db/client";
import { deliverySignal } from "../services/integrations/delivery-signal";
import { recurringJobs } from "./kinds";
import { watchOutbox } from "./kinds/mail-outbox";
import { JobRunner, type RunnerOptions } from "./runner";
import { WebhookSender } from "./webhook-sender";

type Running = { runner: JobRunner; sender: WebhookSender; unwatch: () => void };
const store = globalThis as typeof globalThis & { __orgdeckJobRunner?: Running };

/** The runner's options and how often it polls (default every second). */
export type StartOptions = RunnerOptions & { pollMs?: number };

/**
 * Starts this process's one job runner (a later call returns it) with the code's recurring jobs, a poll every second,
 * and a drain as soon as mail is queued; beside it, the webhook sender, which polls every half second and claims at
 * once when a commit of this process queued deliveries.
 */
export function startJobRunner(db: Db, options: StartOptions = {}): JobRunner {
  if (store.__orgdeckJobRunner) return store.__orgdeckJobRunner.runner;
  const { pollMs = 1000, ...runnerOptions } = options;
  const runner = new JobRunner(db, { schedules: recurringJobs, ...runnerOptions });
  const sender = new WebhookSender(db, { id: `${runner.id}:webhooks`, now: runnerOptions.now, log: runnerOptions.log }).start(Math.min(pollMs, 500));
  const wakeSender = () => sender.wake();
  deliverySignal.on("queued", wakeSender);
  const unwatchOutbox = watchOutbox(runner);
  const unwatch = () => {
    unwatchOutbox();
    deliverySignal.off("queued", wakeSender);
  };
  store.__orgdeckJobRunner = { runner, sender, unwatch };
  return runner.start(pollMs);
}

/** Stops this process's job runner and webhook sender, waiting for the work they have under way. */
export async function stopJobRunner() {
  const running = store.__orgdeckJobRunner;
  store.__orgdeckJobRunner = undefined;
  if (!running) return;
  running.unwatch();
  await Promise.all([running.runner.stop(), running.sender.stop()]);
}
