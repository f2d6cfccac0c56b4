import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { emailAttempts, emailOutbox } from "../../db/schema";
import { defaultAdapters } from "../adapters";
import type { MailTransport } from "../adapters/mail";
import { log } from "../log";
import { outboxSignal } from "./outbox";

/** Retry delays after each failed attempt (5 s, 30 s, 2 min, 10 min, 1 h), then hourly until a day has passed. */
const BACKOFF_SECONDS = [5, 30, 120, 600, 3600];
const GIVE_UP_AFTER_MS = 24 * 60 * 60 * 1000;
/** A claimed message whose worker died is claimed again after this (and sent with the same Message-ID). */
const CLAIM_SECONDS = 120;
const BATCH = 10;

export function nextDelaySeconds(attempts: number) {
  return BACKOFF_SECONDS[Math.min(attempts - 1, BACKOFF_SECONDS.length - 1)] ?? 3600;
}

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

const store = globalThis as typeof globalThis & { __orgdeckMailWorker?: { stop: () => void } };

/** The app's mail worker: woken when a commit queued mail (first attempt within a second), and polling. */
export function startMailWorker(db: Db, pollMs = 5000) {
  const transport = defaultAdapters().mail;
  if (!transport || store.__orgdeckMailWorker) return;
  let running = false;
  let again = false;
  const tick = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await drainOutbox(db, transport);
      } while (again);
    } catch (err) {
      log.error({ err }, "mail worker failed");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, pollMs);
  timer.unref();
  const onQueued = () => void tick();
  outboxSignal.on("queued", onQueued);
  store.__orgdeckMailWorker = {
    stop: () => {
      clearInterval(timer);
      outboxSignal.off("queued", onQueued);
      store.__orgdeckMailWorker = undefined;
    },
  };
  void tick();
}
