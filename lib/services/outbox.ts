import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { and, count, desc, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { emailAttempts, emailOutbox } from "../../db/schema";
import type { Adapters } from "../adapters";
import { defaultFromAddress } from "../adapters/mail";
import { env } from "../env";
import { paginationQuery } from "../schemas/common";
import { type OutboxEmail, OutboxEmailStatusEnum } from "../schemas/outbox";
import { USER_CALLERS } from "../auth/principal";
import { operation } from "./operation";
import { invitationLinksAlive } from "./outbox-relevance";
import { Page } from "./page";
import { iso } from "./serialize";

export type NewEmail = {
  organizationId: string | null;
  kind: string;
  relatedId?: string;
  to: string;
  replyTo?: string | null;
  subject: string;
  text: string;
  html: string;
};

const store = globalThis as typeof globalThis & { __orgdeckOutboxSignal?: EventEmitter };
/** Tells this process's job runner that a commit queued mail, so a `mail.outbox` job drains it at once (a schedule also does). */
export const outboxSignal = (store.__orgdeckOutboxSignal ??= new EventEmitter());

export function notifyOutbox() {
  outboxSignal.emit("queued");
}

/**
 * Writes a message to the durable outbox inside the caller's transaction, its Message-ID fixed now.
 * Returns whether it will be delivered (the adapters have a mail transport) or held for admins to read.
 */
export async function enqueueEmail(tx: Executor, adapters: Pick<Adapters, "mail">, email: NewEmail, now = new Date()) {
  const deliver = adapters.mail !== null;
  const host = new URL(env().SITE_URL).hostname;
  await tx.insert(emailOutbox).values({
    organizationId: email.organizationId,
    kind: email.kind,
    relatedId: email.relatedId ?? null,
    messageId: `<${randomUUID()}@${host}>`,
    fromAddress: defaultFromAddress(),
    toAddress: email.to,
    replyTo: email.replyTo ?? null,
    subject: email.subject,
    text: email.text,
    html: email.html,
    status: deliver ? "pending" : "held",
    nextAttemptAt: now,
    createdAt: now,
  });
  return deliver;
}

/** The emails this organization's actions sent or would have sent, newest first, with every attempt (admins). */
export const listOutbox = operation({
  permission: "outbox:read",
  callers: USER_CALLERS,
  input: paginationQuery.extend({ status: OutboxEmailStatusEnum.optional() }),
  run: async ({ db, organization }, input) => {
    const where = and(eq(emailOutbox.organizationId, organization.id), input.status ? eq(emailOutbox.status, input.status) : undefined);
    const [rows, [total]] = await Promise.all([
      db.select().from(emailOutbox).where(where).orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id)).limit(input.limit).offset(input.offset),
      db.select({ n: count() }).from(emailOutbox).where(where),
    ]);
    const linksAlive = await invitationLinksAlive(db, rows, new Date());
    const attempts = rows.length
      ? await db.select().from(emailAttempts).where(inArray(emailAttempts.outboxId, rows.map((r) => r.id))).orderBy(emailAttempts.attemptedAt)
      : [];
    const results = rows.map((r): OutboxEmail => ({
      id: r.id,
      kind: r.kind,
      message_id: r.messageId,
      from: r.fromAddress,
      to: r.toAddress,
      reply_to: r.replyTo,
      subject: r.subject,
      text: r.text,
      html: r.html,
      status: r.status as OutboxEmailStatusEnum,
      attempts: attempts
        .filter((a) => a.outboxId === r.id)
        .map((a) => ({ attempted_at: iso(a.attemptedAt), outcome: a.outcome, error: a.error })),
      next_attempt_at: r.status === "pending" ? iso(r.nextAttemptAt) : null,
      last_error: r.lastError,
      sent_at: iso(r.sentAt),
      created_at: iso(r.createdAt),
      link_works: linksAlive.get(r.id) ?? null,
    }));
    return new Page(results, total.n, { limit: input.limit, offset: input.offset });
  },
});
