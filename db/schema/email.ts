/** The durable email outbox and its delivery attempts. */
import { index, integer, pgTable, text, uuid, varchar } from "drizzle-orm/pg-core";
import { ts } from "./columns";

/**
 * The durable email outbox: a message is written in the same transaction as what caused it, with its Message-ID
 * fixed then, and delivered by the `mail.outbox` job. `held` messages have no transport and stay for admins to read.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id"),
    kind: varchar("kind", { length: 32 }).notNull(),
    relatedId: varchar("related_id", { length: 64 }),
    messageId: varchar("message_id", { length: 255 }).notNull().unique(),
    fromAddress: varchar("from_address", { length: 320 }).notNull(),
    toAddress: varchar("to_address", { length: 320 }).notNull(),
    replyTo: varchar("reply_to", { length: 320 }),
    subject: varchar("subject", { length: 500 }).notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    /** pending → sending → sent; failed after retries run out; held when no transport is configured; cancelled when stale at sending time. */
    status: varchar("status", { length: 16 }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    lockedUntil: ts("locked_until"),
    lastError: text("last_error"),
    sentAt: ts("sent_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("email_outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("email_outbox_org_created_idx").on(t.organizationId, t.createdAt),
  ],
);

/** Every delivery attempt of an outbox message, with its outcome. */
export const emailAttempts = pgTable(
  "email_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    outboxId: uuid("outbox_id")
      .notNull()
      .references(() => emailOutbox.id, { onDelete: "cascade" }),
    attemptedAt: ts("attempted_at").notNull().defaultNow(),
    outcome: varchar("outcome", { length: 16 }).notNull(),
    error: text("error"),
    response: text("response"),
  },
  (t) => [index("email_attempts_outbox_idx").on(t.outboxId, t.attemptedAt)],
);
