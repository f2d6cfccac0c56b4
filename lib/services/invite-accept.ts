import { and, desc, eq, gt, inArray, isNull, ne, not, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Executor } from "../../db/client";
import { organizationInvites, organizationMemberships, organizations, projectMemberships, projects, users } from "../../db/schema";
import { ADMIN, MEMBER, type Level } from "../auth/permissions";
import { signInviteToken, verifyInviteToken } from "../auth/invite-token";
import { invalidInput } from "../errors";
import { recordActivity } from "./activity";
import { getAuthSecret } from "./instance";
import { inviteExpiry, isExpired, pendingInvitationsFor, SCOPE, validSince } from "./invite-rows";
import { type Principal, USER_CALLERS } from "../auth/principal";
import { operation } from "./operation";
import { iso } from "./serialize";
import { signedMediaUrl } from "./media/links";

export type InviteState = "invalid" | "expired" | "used" | "valid";

/** What an invitation link points at, for the acceptance page: its state, organization and inviter. */
export async function inspectInvite(token: string, now = new Date()) {
  const db = await getDb();
  const secret = await getAuthSecret(db);
  const parsed = verifyInviteToken(secret, token);
  if (!parsed) return { state: "invalid" as const };
  const [row] = await db
    .select({ invite: organizationInvites, organization: { id: organizations.id, name: organizations.name, logoMediaId: organizations.logoMediaId }, inviter: users })
    .from(organizationInvites)
    .innerJoin(organizations, eq(organizations.id, organizationInvites.organizationId))
    .leftJoin(users, eq(users.id, organizationInvites.createdById))
    .where(and(eq(organizationInvites.id, parsed.inviteId), isNull(organizations.deletedAt)));
  if (!row || row.invite.tokenVersion !== parsed.version) return { state: "invalid" as const };
  const state: InviteState = row.invite.acceptedAt ? "used" : isExpired(row.invite, now) ? "expired" : "valid";
  return {
    state,
    targetEmail: row.invite.targetEmail,
    level: row.invite.level as Level,
    organization: {
      id: row.organization.id,
      name: row.organization.name,
      // The link holder is not a member yet: the logo is shown through its signed link.
      logoUrl: row.organization.logoMediaId ? signedMediaUrl(secret, row.organization.logoMediaId) : null,
    },
    inviter: row.inviter ? { name: `${row.inviter.firstName} ${row.inviter.lastName}`.trim() || row.inviter.email, email: row.inviter.email } : null,
    expiresAt: iso(inviteExpiry(row.invite)),
    message: row.invite.message,
  };
}

const refused = (detail: string) => invalidInput(detail, "token");

/** The invite's project access, for those of its projects that still exist in the organization and are not being deleted (one query each way). */
async function grantProjectAccess(tx: Executor, invite: typeof organizationInvites.$inferSelect, userId: number, now: Date) {
  const access = invite.privateProjectAccess ?? [];
  if (access.length === 0) return;
  const existing = await tx
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.organizationId, invite.organizationId), inArray(projects.id, access.map((a) => a.id)), not(projects.isPendingDeletion)));
  const ids = new Set(existing.map((p) => p.id));
  const rows = access
    .filter((a) => ids.has(a.id))
    .map((a) => ({ projectId: a.id, userId, level: a.level === "admin" ? ADMIN : MEMBER, joinedAt: now }));
  if (rows.length > 0) await tx.insert(projectMemberships).values(rows).onConflictDoNothing();
}

/**
 * Accepts one invitation for this user, whose email must match it (case-insensitively): joins at the invited level
 * with the project access, removes sibling invites and makes the organization current. A conditional update lets only
 * one request win, so an invitation is accepted at most once even under concurrency. `version`, when given, is the
 * link's token version, which must still be the invitation's.
 */
export async function acceptInvitation(
  db: Executor,
  { user, principal, now }: { user: typeof users.$inferSelect; principal: Principal; now: Date },
  inviteId: string,
  version: number | null,
) {
  return db.transaction(async (tx) => {
    // An invitation of a deleted organization is no longer valid, although the job has not removed it yet.
    const [found] = await tx
      .select({ invite: organizationInvites })
      .from(organizationInvites)
      .innerJoin(organizations, eq(organizations.id, organizationInvites.organizationId))
      .where(and(eq(organizationInvites.id, inviteId), isNull(organizations.deletedAt)));
    const invite = found?.invite;
    if (!invite || (version !== null && invite.tokenVersion !== version)) throw refused("This invitation link is not valid.");
    if (invite.acceptedAt) throw refused("This invitation has already been used.");
    if (isExpired(invite, now)) throw refused("This invitation has expired.");
    if (invite.targetEmail.toLowerCase() !== user.email.toLowerCase()) {
      throw refused(`This invitation is for ${invite.targetEmail}, but you are signed in as ${user.email}.`);
    }
    const [won] = await tx
      .update(organizationInvites)
      .set({ acceptedAt: now, acceptedById: user.id, updatedAt: now })
      .where(and(eq(organizationInvites.id, invite.id), isNull(organizationInvites.acceptedAt), gt(organizationInvites.createdAt, validSince(now))))
      .returning();
    if (!won) throw refused("This invitation has already been used.");
    const [membership] = await tx
      .insert(organizationMemberships)
      .values({ organizationId: invite.organizationId, userId: user.id, level: invite.level, source: "invite", joinedAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning();
    await grantProjectAccess(tx, invite, user.id, now);
    // Pending siblings only: an invitation accepted earlier keeps its row, so its link still says "already used".
    await tx
      .delete(organizationInvites)
      .where(
        and(
          eq(organizationInvites.organizationId, invite.organizationId),
          sql`lower(${organizationInvites.targetEmail}) = ${invite.targetEmail.toLowerCase()}`,
          ne(organizationInvites.id, invite.id),
          isNull(organizationInvites.acceptedAt),
        ),
      );
    await tx.update(users).set({ currentOrganizationId: invite.organizationId }).where(eq(users.id, user.id));
    await recordActivity(tx, principal, { organizationId: invite.organizationId, scope: SCOPE, itemId: invite.id, activity: "accepted", name: invite.targetEmail }, now);
    if (membership) {
      await recordActivity(tx, principal, {
        organizationId: invite.organizationId,
        scope: "OrganizationMembership",
        itemId: membership.id,
        activity: "joined",
        name: user.email,
        changes: [{ type: "OrganizationMembership", field: "level", action: "created", before: null, after: invite.level }],
      }, now);
    }
    return { organization_id: invite.organizationId, level: invite.level as Level };
  });
}

/** Accepts the invitation a link names, for the signed-in user whose email matches it (see `acceptInvitation`). */
export const acceptInvite = operation({
  permission: "invitation:accept",
  callers: USER_CALLERS,
  input: z.object({ token: z.string().max(200) }),
  run: async ({ db, user, principal, now }, { token }) => {
    const secret = await getAuthSecret(db);
    const parsed = verifyInviteToken(secret, token);
    if (!parsed) throw refused("This invitation link is not valid.");
    return acceptInvitation(db, { user, principal, now }, parsed.inviteId, parsed.version);
  },
});

/** Pending invitations for the signed-in user's email, across organizations, with their links (offered in the console). */
export const listMyInvites = operation({
  permission: "invitation:accept",
  callers: USER_CALLERS,
  input: z.object({}),
  run: async ({ db, user, now }) => {
    const secret = await getAuthSecret(db);
    const rows = await db
      .select({ invite: organizationInvites, organization: { id: organizations.id, name: organizations.name } })
      .from(organizationInvites)
      .innerJoin(organizations, eq(organizations.id, organizationInvites.organizationId))
      .where(
        and(
          pendingInvitationsFor(user.email, now),
          isNull(organizations.deletedAt),
        ),
      )
      .orderBy(desc(organizationInvites.createdAt));
    return rows.map((r) => ({
      id: r.invite.id,
      organization: r.organization,
      level: r.invite.level as Level,
      token: signInviteToken(secret, r.invite.id, r.invite.tokenVersion),
      expires_at: iso(inviteExpiry(r.invite)),
    }));
  },
});
