import { and, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { emailOutbox, legalDocuments, organizationInvites, organizations } from "../../db/schema";
import { isUuid } from "../schemas/common";
import { INVITE_MAIL_KINDS, isExpired } from "./invite-rows";
import { SIGNING_MAIL_KIND } from "./legal-documents/rows";

type OutboxRow = typeof emailOutbox.$inferSelect;

async function staleInvitationReason(db: Executor, row: OutboxRow): Promise<string | null> {
  if (!row.relatedId || !isUuid(row.relatedId) || !row.organizationId) return null;
  const [invite] = await db
    .select({ acceptedAt: organizationInvites.acceptedAt })
    .from(organizationInvites)
    .where(eq(organizationInvites.id, row.relatedId));
  if (invite) return invite.acceptedAt ? "The invitation was accepted before the message was sent." : null;
  // A re-invite deletes the earlier invitation and creates a newer one for the same address.
  const [newer] = await db
    .select({ id: organizationInvites.id })
    .from(organizationInvites)
    .where(
      and(
        eq(organizationInvites.organizationId, row.organizationId),
        sql`lower(${organizationInvites.targetEmail}) = ${row.toAddress.toLowerCase()}`,
        isNull(organizationInvites.acceptedAt),
        gt(organizationInvites.createdAt, row.createdAt),
      ),
    )
    .limit(1);
  return newer
    ? "The invitation was replaced by a newer one before the message was sent."
    : "The invitation was revoked before the message was sent.";
}

/** A signing request whose document was deleted or signed since it was queued: its link no longer works. */
async function staleSigningReason(db: Executor, row: OutboxRow): Promise<string | null> {
  if (!row.relatedId || !isUuid(row.relatedId)) return null;
  const [document] = await db.select({ status: legalDocuments.status }).from(legalDocuments).where(eq(legalDocuments.id, row.relatedId));
  if (!document) return "The document was deleted before the message was sent.";
  return document.status === "signed" ? "The document was signed before the message was sent." : null;
}

/**
 * Why a queued message must not be delivered after all, decided when it is about to be sent: its organization was
 * deleted, the invitation it carries was revoked, replaced or accepted, or the document it asks to sign was deleted
 * or signed since it was queued. Null when it is still to be sent.
 */
export async function staleMailReason(db: Executor, row: OutboxRow): Promise<string | null> {
  if (row.organizationId) {
    const [org] = await db.select({ deletedAt: organizations.deletedAt }).from(organizations).where(eq(organizations.id, row.organizationId));
    if (!org || org.deletedAt) return "The organization was deleted before the message was sent.";
  }
  if (INVITE_MAIL_KINDS.includes(row.kind)) return staleInvitationReason(db, row);
  if (row.kind === SIGNING_MAIL_KIND) return staleSigningReason(db, row);
  return null;
}

/**
 * For each invitation email among `rows`, whether the link it carries still opens its invitation: false once the
 * invitation was revoked or replaced (the row is gone), accepted, or expired. Emails without an invitation are absent.
 */
export async function invitationLinksAlive(db: Executor, rows: OutboxRow[], now: Date): Promise<Map<string, boolean>> {
  const carrying = rows.filter((r) => INVITE_MAIL_KINDS.includes(r.kind) && r.relatedId && isUuid(r.relatedId));
  if (carrying.length === 0) return new Map();
  const invites = await db
    .select({ id: organizationInvites.id, acceptedAt: organizationInvites.acceptedAt, createdAt: organizationInvites.createdAt })
    .from(organizationInvites)
    .where(inArray(organizationInvites.id, carrying.map((r) => r.relatedId as string)));
  const live = new Set(invites.filter((i) => !i.acceptedAt && !isExpired(i, now)).map((i) => i.id));
  return new Map(carrying.map((r) => [r.id, live.has(r.relatedId as string)]));
}
