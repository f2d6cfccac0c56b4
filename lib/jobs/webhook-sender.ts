import { randomBytes } from "node:crypto";
import os from "node:os";
import type { Logger } from "pino";
import type { Db } from "../../db/client";
import { env } from "../env";
import { log as rootLog } from "../log";
import { ATTEMPT_TIMEOUT_MS, attemptDelivery, type AttemptResult, FINAL_ATTEMPT_NOTE, settleAttempt } from "../services/integrations/delivery-attempt";
import { claimDeliveries, type ClaimedDelivery, recordAttempts, releaseDeliveries, roundStarts } from "../services/integrations/delivery-queue";
import { openWebhookSecret } from "../services/integrations/signing";

/** How many deliveries one claim takes at most. */
const BATCH = 100;
/** Opened signing secrets kept (by integration and sealed value, so a rotated secret is opened afresh). */
const SECRETS_KEPT = 1000;

export type SenderOptions = {
  id?: string;
  /** Requests in flight at once (default ORGDECK_WEBHOOK_CONCURRENCY). */
  concurrency?: number;
  /** How long a claim holds its deliveries; a sender that dies leaves them to others after this (default 120 s). */
  leaseSeconds?: number;
  now?: () => Date;
  log?: Logger;
};

/**
 * Delivers webhooks from their table for one process: claims due deliveries in batches, POSTs them `concurrency` at a
 * time, and records their outcomes a batch at a time. Any number of senders, in any number of processes, share the work.
 */
export class WebhookSender {
  readonly id: string;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly clock: () => Date;
  private readonly log: Logger;
  private readonly queue: ClaimedDelivery[] = [];
  private readonly results: AttemptResult[] = [];
  private readonly unsent: ClaimedDelivery[] = [];
  private readonly secrets = new Map<string, Promise<string>>();
  private readonly quietWaiters: Array<() => void> = [];
  private active = 0;
  private attempted = 0;
  private claiming: Promise<void> | null = null;
  private again = false;
  private more = false;
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    readonly db: Db,
    options: SenderOptions = {},
  ) {
    this.id = (options.id ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}:webhooks`).slice(0, 128);
    this.concurrency = options.concurrency ?? env().ORGDECK_WEBHOOK_CONCURRENCY;
    this.leaseMs = (options.leaseSeconds ?? 120) * 1000;
    this.clock = options.now ?? (() => new Date());
    this.log = (options.log ?? rootLog).child({ sender: this.id });
  }

  /** Claims due deliveries unless enough are waiting already; a call during a claim becomes one more claim after it. */
  wake(): void {
    if (this.stopped || this.queue.length >= this.concurrency) return;
    if (this.claiming) {
      this.again = true;
      return;
    }
    this.claiming = this.claimUntilQuiet().finally(() => {
      this.claiming = null;
      this.checkQuiet();
    });
  }

  /** Claims every `pollMs` while idle (and at once again while claims come back full) until stopped. */
  start(pollMs = 500): this {
    this.timer = setInterval(() => this.wake(), pollMs);
    this.timer.unref();
    this.wake();
    return this;
  }

  /** Sends every due delivery and records each outcome; returns how many were attempted (tests and one-shot tools). */
  async runDue(): Promise<number> {
    const before = this.attempted;
    for (;;) {
      const round = this.attempted;
      const claimed = await this.claim();
      await this.quiet();
      // Claims given back unsent are due again at once: stop rather than claim them over and over.
      if (!claimed || this.attempted === round) return this.attempted - before;
    }
  }

  /** Stops claiming, gives back what it claimed but has not sent, and waits for the requests in flight and their records. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.claiming;
    this.unsent.push(...this.queue.splice(0));
    this.flush();
    await this.quiet();
  }

  private async claimUntilQuiet() {
    do {
      this.again = false;
      try {
        await this.claim();
      } catch (err) {
        this.log.error({ err }, "webhook deliveries could not be claimed");
      }
    } while (this.again && !this.stopped && this.queue.length < this.concurrency);
  }

  private async claim(): Promise<number> {
    const now = this.clock();
    const claimed = await claimDeliveries(this.db, now, new Date(now.getTime() + this.leaseMs), BATCH);
    this.more = claimed.length === BATCH;
    this.queue.push(...claimed);
    this.pump();
    return claimed.length;
  }

  private pump() {
    while (this.active < this.concurrency && this.queue.length) {
      const claim = this.queue.shift()!;
      this.active++;
      void this.send(claim).finally(() => {
        this.active--;
        this.pump();
        this.checkQuiet();
      });
    }
    if (this.more && this.queue.length < this.concurrency) this.wake();
  }

  private async send(claim: ClaimedDelivery) {
    const now = this.clock();
    // A request that might still be under way when the lease ends could race the sender that claims it next.
    if (Date.parse(claim.lease) - now.getTime() < ATTEMPT_TIMEOUT_MS + 5_000) {
      this.unsent.push(claim);
    } else {
      this.attempted++;
      const secret = await this.secretOf(claim).catch((err: Error) => err);
      this.results.push(await attemptDelivery(claim, secret, now));
    }
    this.flush();
  }

  private secretOf(claim: ClaimedDelivery): Promise<string> {
    const key = `${claim.integrationId}:${claim.sealed}`;
    let secret = this.secrets.get(key);
    if (!secret) {
      if (this.secrets.size >= SECRETS_KEPT) this.secrets.clear();
      secret = openWebhookSecret(this.db, claim.integrationId, claim.sealed);
      this.secrets.set(key, secret);
      secret.catch(() => this.secrets.delete(key));
    }
    return secret;
  }

  /** Writes the outcomes gathered so far in one statement; those that arrive meanwhile go in the next. */
  private flush() {
    if (this.flushing || (!this.results.length && !this.unsent.length)) return;
    const results = this.results.splice(0);
    const unsent = this.unsent.splice(0);
    this.flushing = this.write(results, unsent).finally(() => {
      this.flushing = null;
      this.flush();
      this.checkQuiet();
    });
  }

  private async write(results: AttemptResult[], unsent: ClaimedDelivery[]) {
    try {
      const retried = results.filter((r) => r.error !== null && r.claim.attempts > 1).map((r) => r.claim.id);
      const starts = await roundStarts(this.db, retried, FINAL_ATTEMPT_NOTE);
      await recordAttempts(this.db, results.map((r) => settleAttempt(r, starts.get(r.claim.id) ?? r.at)));
      await releaseDeliveries(this.db, unsent, this.clock());
    } catch (err) {
      // Their claims stay: the deliveries are sent again once the lease ends (a receiver may see one twice).
      this.log.error({ err, deliveries: results.length + unsent.length }, "webhook outcomes could not be recorded");
    }
  }

  private quiet(): Promise<void> {
    return new Promise((resolve) => {
      this.quietWaiters.push(resolve);
      this.checkQuiet();
    });
  }

  private checkQuiet() {
    if (this.active || this.queue.length || this.claiming || this.flushing || this.results.length || this.unsent.length) return;
    for (const resolve of this.quietWaiters.splice(0)) resolve();
  }
}
