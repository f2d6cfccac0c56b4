import { randomBytes } from "node:crypto";
import os from "node:os";
import type { Logger } from "pino";
import type { Db } from "../../db/client";
import { defaultAdapters, type Adapters } from "../adapters";
import { log as rootLog } from "../log";
import { claimJobs, settleJob, type Outcome } from "./claim";
import { jobKinds } from "./kinds";
import { createDueOccurrences, syncSchedules } from "./schedules";
import type { Job, JobHandler, JobSchedule } from "./types";

/** A runner's identity, clock, handlers, schedules and limits; tests pass their own adapters, clock and handlers. */
export type RunnerOptions = {
  /** Written to locked_by (default: host, pid and a random suffix). */
  id?: string;
  /**
   * The outside systems handlers reach (default: `defaultAdapters()` at each run, so a re-read configuration applies).
   */
  adapters?: Adapters;
  /** Handlers by kind (default: `jobKinds`). */
  kinds?: Record<string, JobHandler>;
  /** Recurring work this runner writes on its first poll and turns into jobs when due (default: none). */
  schedules?: JobSchedule[];
  now?: () => Date;
  /** How long a claim holds a job; a runner that dies leaves it to others after this (default 300 s). */
  leaseSeconds?: number;
  /** Jobs run at once by this runner (default 5). */
  concurrency?: number;
  log?: Logger;
};

/** Runs one database's jobs for one process; any number of runners, in any number of processes, share the work. */
export class JobRunner {
  readonly id: string;
  private readonly kinds: Record<string, JobHandler>;
  private readonly schedules: JobSchedule[];
  private readonly clock: () => Date;
  private readonly leaseSeconds: number;
  private readonly concurrency: number;
  private readonly log: Logger;
  private readonly ownAdapters: Adapters | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private schedulesWritten = false;
  private schedulesDueAt = -Infinity;
  private polling: Promise<void> | null = null;
  private again = false;
  private backlog = false;
  private stopped = false;

  constructor(
    readonly db: Db,
    options: RunnerOptions = {},
  ) {
    this.id = (options.id ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`).slice(0, 128);
    this.kinds = options.kinds ?? jobKinds;
    this.schedules = options.schedules ?? [];
    this.clock = options.now ?? (() => new Date());
    this.leaseSeconds = options.leaseSeconds ?? 300;
    this.concurrency = options.concurrency ?? 5;
    this.ownAdapters = options.adapters;
    this.log = (options.log ?? rootLog).child({ runner: this.id });
  }

  /** This runner's clock, which every claim and every handler's `now` read. */
  now(): Date {
    return this.clock();
  }

  /** The adapters handlers get: the runner's own, else the current configuration's. */
  adapters(): Adapters {
    return this.ownAdapters ?? defaultAdapters();
  }

  /** Creates due occurrences, then claims due jobs up to free capacity and starts them without waiting for them. */
  async poll(): Promise<Array<Promise<void>>> {
    const now = this.now();
    await this.createOccurrences(now);
    const limit = this.concurrency - this.inFlight.size;
    if (limit <= 0) return [];
    const claimed = await claimJobs(this.db, { runnerId: this.id, now, leaseSeconds: this.leaseSeconds, limit });
    this.backlog = claimed.length === limit;
    return claimed.map((job) => this.track(this.execute(job)));
  }

  /** Runs due jobs until none is due and returns how many ran, each finished (tests and one-shot tools). */
  async runDue(): Promise<number> {
    let ran = 0;
    for (;;) {
      const started = await this.poll();
      if (!started.length) return ran;
      ran += started.length;
      await Promise.all(started);
    }
  }

  /** Polls in the background; a call while a poll is under way becomes one more poll after it. */
  wake(): void {
    if (this.stopped) return;
    if (this.polling) {
      this.again = true;
      return;
    }
    this.polling = this.pollUntilQuiet();
  }

  /** Wakes at `at` by this runner's clock (work enqueued to run shortly). */
  wakeAt(at: Date): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.wake();
    }, Math.max(0, at.getTime() - this.now().getTime()));
    timer.unref();
    this.timers.add(timer);
  }

  /** Polls every `pollMs` until stopped; its timers never keep the process alive on their own. */
  start(pollMs = 1000): this {
    const timer = setInterval(() => this.wake(), pollMs);
    timer.unref();
    this.timers.add(timer);
    this.wake();
    return this;
  }

  /** Stops polling and waits for the jobs under way, so none is cut off by a database closing after it. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.polling;
    await Promise.all(this.inFlight);
  }

  private async pollUntilQuiet() {
    try {
      do {
        this.again = false;
        try {
          const started = await this.poll();
          // A full claim may have left due work behind: look again as capacity frees up.
          if (this.backlog) for (const run of started) void run.then(() => this.wake());
        } catch (err) {
          this.log.error({ err }, "job runner poll failed");
        }
      } while (this.again && !this.stopped);
    } finally {
      // Cleared with no await after the last check of `again`, so no wake-up falls between the two.
      this.polling = null;
    }
  }

  private async createOccurrences(now: Date) {
    if (!this.schedules.length) return;
    if (!this.schedulesWritten) {
      await syncSchedules(this.db, this.schedules, now);
      this.schedulesWritten = true;
    }
    // Other runners only move next_run_at later, so this hint is never late: idle polls skip the schedule query.
    if (now.getTime() < this.schedulesDueAt) return;
    const next = await createDueOccurrences(this.db, this.schedules.map((s) => s.name), now);
    this.schedulesDueAt = next?.getTime() ?? now.getTime() + 60_000;
  }

  private track(run: Promise<void>) {
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
    return run;
  }

  private async execute(job: Job): Promise<void> {
    const log = this.log.child({ job_id: job.id, kind: job.kind, attempt: job.attempts });
    const outcome = await this.attempt(job, log);
    try {
      if (!(await settleJob(this.db, job, outcome, this.now()))) {
        log.warn("job outcome not recorded: its lease had expired and another run took it over");
      } else if (outcome.error !== undefined) {
        log.warn({ error: outcome.error, give_up: outcome.final || job.attempts >= job.maxAttempts }, "job failed");
      }
    } catch (err) {
      log.error({ err }, "job outcome could not be recorded; the job runs again when its lease expires");
    }
  }

  private async attempt(job: Job, log: Logger): Promise<Outcome> {
    const handler = Object.hasOwn(this.kinds, job.kind) ? this.kinds[job.kind] : undefined;
    if (!handler) return { error: `unknown job kind "${job.kind}": no handler is registered for it`, final: true };
    if (job.attempts > job.maxAttempts) {
      const error = `gave up after ${job.maxAttempts} attempts: the last runner stopped before finishing (its lease expired)`;
      return { error, final: true };
    }
    try {
      await handler({ db: this.db, adapters: this.adapters(), now: this.now(), log, job });
      return {};
    } catch (err) {
      return { error: err instanceof Error ? err.message || err.name : String(err) };
    }
  }
}
