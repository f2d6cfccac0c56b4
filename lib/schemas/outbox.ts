import { z } from "zod";
import { paginated, timestamp } from "./common";

/**
 * pending → sending → sent; failed once retries run out; held when no email transport is configured; cancelled when,
 * at sending time, what it was about was gone (the invitation revoked, replaced or accepted, the organization deleted),
 * `last_error` saying which.
 */
export const OutboxEmailStatusEnum = z.enum(["pending", "sending", "sent", "failed", "held", "cancelled"]).meta({ id: "OutboxEmailStatusEnum" });
export type OutboxEmailStatusEnum = z.infer<typeof OutboxEmailStatusEnum>;

/** One delivery attempt of an outbox email. */
export const OutboxAttempt = z
  .strictObject({ attempted_at: timestamp, outcome: z.string(), error: z.string().nullable() })
  .meta({ id: "OutboxAttempt" });

/** One email an organization's actions sent or would have sent, with every attempt. */
export const OutboxEmail = z
  .strictObject({
    id: z.uuid(),
    kind: z.string(),
    message_id: z.string(),
    from: z.string(),
    to: z.string(),
    reply_to: z.string().nullable(),
    subject: z.string(),
    text: z.string(),
    html: z.string(),
    status: OutboxEmailStatusEnum,
    attempts: z.array(OutboxAttempt),
    next_attempt_at: timestamp.nullable().meta({ description: "When a pending email is tried next; null otherwise." }),
    last_error: z.string().nullable(),
    sent_at: timestamp.nullable(),
    created_at: timestamp,
    link_works: z
      .boolean()
      .nullable()
      .meta({ description: "For an invitation email, whether its link still opens the invitation (false once revoked, replaced, accepted or expired); null for other emails." }),
  })
  .meta({ id: "OutboxEmail" });
export type OutboxEmail = z.infer<typeof OutboxEmail>;

/** A page of outbox emails. */
export const PaginatedOutboxEmailList = paginated(OutboxEmail, "OutboxEmail");
