import { eq, sql } from "drizzle-orm";
import type { Db, Executor } from "../../../db/client";
import { emailAttempts, emailOutbox } from "../../../db/schema";
import type { MailTransport } from "../../adapters/mail";
import { log } from "../../log";
import { outboxSignal } from "../../services/outbox";
import { staleMailReason } from "../../services/outbox-relevance";
import { nextDelaySeconds } from "../backoff";
import { enqueueJob } from "../enqueue";
import type { JobRunner } from "../runner";
import type { JobHandler } from "../types";

/** The job kind (and recurring schedule) that delivers the email outbox. */
export const MAIL_OUTBOX = "mail.outbox";

/** Messages are retried on the shared backoff until a day after they were written. */
const GIVE_UP_AFTER_MS = 24 * 60 * 60 * 1000;
/** A claimed message whose worker died is claimed again after this (and sent with the same Message-ID). */
const CLAIM_SECONDS = 120;
const BATCH = 10;

type Row = typeof emailOutbox.$inferSelect;

/** Claims due messages; FOR UPDATE SKIP LOCKED lets workers on several instances share the outbox. */
async function claim(db: Db, now: Date): Promise<Row[]> {
  const at = now.toISOString(); // raw SQL parameters are not mapped by column: pass text, not a Date
  const due = sql`select ${emailOutbox.id} from ${emailOutbox}
    where (${emailOutbox.status} = 'pending' and ${emailOutbox.nextAttemptAt} <= ${at})
       or (${emailOutbox.status} = 'sending' and ${emailOutbox.lockedUntil} < ${at})
    order by ${emailOutbox.nextAttemptAt} limit ${BATCH} for update skip locked`;
  return db
    .update(emailOutbox)
    .set({
      status: "sending",
      lockedUntil: new Date(now.getTime() + CLAIM_SECONDS * 1000),
      attempts: sql`${emailOutbox.attempts} + 1`,
    })
    .where(sql`${emailOutbox.id} in (${due})`)
    .returning();
}

async function deliver(db: Db, transport: MailTransport, row: Row) {
  const cancelled = await staleMailReason(db, row);
  if (cancelled) {
    await db.update(emailOutbox).set({ status: "cancelled", lockedUntil: null, lastError: cancelled }).where(eq(emailOutbox.id, row.id));
    log.info({ outbox_id: row.id, reason: cancelled }, "email cancelled before delivery");
    return;
  }
  const attemptedAt = new Date();
  try {
    const { response } = await transport.send({
      messageId: row.messageId,
      from: row.fromAddress,
      to: row.toAddress,
      replyTo: row.replyTo,
      subject: row.subject,
      text: row.text,
      html: row.html,
    });
    await db.transaction(async (tx) => {
      await tx.update(emailOutbox).set({ status: "sent", sentAt: attemptedAt, lockedUntil: null, lastError: null }).where(eq(emailOutbox.id, row.id));
      await tx.insert(emailAttempts).values({ outboxId: row.id, attemptedAt, outcome: "sent", response: response.slice(0, 1000) });
    });
  } catch (err) {
    const error = (err as Error).message.slice(0, 1000);
    const next = new Date(attemptedAt.getTime() + nextDelaySeconds(row.attempts) * 1000);
    const giveUp = next.getTime() - row.createdAt.getTime() > GIVE_UP_AFTER_MS;
    await db.transaction(async (tx) => {
      await tx
        .update(emailOutbox)
        .set({ status: giveUp ? "failed" : "pending", nextAttemptAt: next, lockedUntil: null, lastError: error })
        .where(eq(emailOutbox.id, row.id));
      await tx.insert(emailAttempts).values({ outboxId: row.id, attemptedAt, outcome: "failed", error });
    });
    log.warn({ outbox_id: row.id, attempts: row.attempts, error, give_up: giveUp }, "email delivery failed");
  }
}

/** Delivers every due message once; returns how many were attempted. */
export async function drainOutbox(db: Db, transport: MailTransport, now = new Date()) {
  let attempted = 0;
  for (;;) {
    const rows = await claim(db, now);
    for (const row of rows) await deliver(db, transport, row);
    attempted += rows.length;
    if (rows.length < BATCH) return attempted;
  }
}

/**
 * The mail job: drains the outbox with the configured transport; without one there is nothing to send (mail is held).
 */
export const runMailOutbox: JobHandler = async ({ db, adapters, now }) => {
  if (adapters.mail) await drainOutbox(db, adapters.mail, now);
};

const queuedKey = (second: number) => `${MAIL_OUTBOX}.queued@${new Date(second).toISOString()}`;

/**
 * Enqueues a drain for mail just committed, at most one a second across instances, and returns when the drain that
 * covers this mail is due.
 */
export async function requestOutboxDrain(db: Executor, now: Date): Promise<Date> {
  // The key names the second. This second's drain may exist and have run before this mail: the next second's covers it.
  const second = Math.floor(now.getTime() / 1000) * 1000;
  // One attempt: a drain that fails is retried by the recurring schedule anyway.
  if (await enqueueJob(db, MAIL_OUTBOX, {}, { runAt: now, uniqueKey: queuedKey(second), maxAttempts: 1 })) return now;
  const next = new Date(second + 1000);
  await enqueueJob(db, MAIL_OUTBOX, {}, { runAt: next, uniqueKey: queuedKey(next.getTime()), maxAttempts: 1 });
  return next;
}

async function drainSoon(runner: JobRunner) {
  if (!runner.adapters().mail) return;
  runner.wakeAt(await requestOutboxDrain(runner.db, runner.now()));
}

/**
 * Makes a commit that queued mail in this process (`outboxSignal`) start a drain on this runner within about a second;
 * returns the unsubscribe.
 */
export function watchOutbox(runner: JobRunner): () => void {
  const onQueued = () =>
    void drainSoon(runner).catch((err) => log.error({ err }, "could not enqueue an outbox drain; the schedule will drain it"));
  outboxSignal.on("queued", onQueued);
  return () => void outboxSignal.off("queued", onQueued);
}
