import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "../../../db/client";
import { jitExclusions, organizationDomains, organizationInvites, organizationMemberships } from "../../../db/schema";
import { MEMBER, OWNER } from "../../auth/permissions";
import type { AuthUser } from "../../auth/principal";
import { AppError, permissionDenied } from "../../errors";
import { emailDomain } from "../../schemas/common";
import { recordActivity } from "../activity";
import { acceptInvitation } from "../invite-accept";
import { pendingInvitationsFor } from "../invite-rows";
import { removeMembership } from "../members";
import { operation } from "../operation";

/** The people who join or leave themselves: a person's session or personal API key, never a service account. */
const PEOPLE = ["session", "api_key"] as const;

/** How a person may join: by their pending invitation, or by their verified address at a verified domain with JIT on. */
export type JoinRoute = { kind: "invite"; inviteId: string } | { kind: "domain"; domain: string };

/**
 * Why a person's address does not let them join by its domain, or null when it does: the address verified, its exact
 * domain verified by this organization with JIT provisioning on, and the person not someone who left or was removed.
 */
async function domainProblem(db: Executor, user: AuthUser, organizationId: string): Promise<string | null> {
  const domain = emailDomain(user.email);
  if (user.isEmailVerified !== true) return "your email address is not verified";
  const [row] = await db
    .select({ verifiedAt: organizationDomains.verifiedAt, jit: organizationDomains.jitProvisioningEnabled })
    .from(organizationDomains)
    .where(and(eq(organizationDomains.organizationId, organizationId), eq(organizationDomains.domain, domain)));
  if (!row) return `${domain} is not a domain of this organization`;
  if (!row.verifiedAt) return `this organization has not verified ${domain}`;
  if (!row.jit) return `this organization does not let people at ${domain} join by themselves (just-in-time provisioning is off)`;
  const [excluded] = await db
    .select({ email: jitExclusions.email })
    .from(jitExclusions)
    .where(and(eq(jitExclusions.organizationId, organizationId), eq(jitExclusions.email, user.email.toLowerCase())));
  if (excluded) return "you left or were removed from this organization, so only a new invitation lets you back";
  return null;
}

/** The person's pending, unexpired invitation to the organization (the newest), or null. */
async function pendingInvite(db: Executor, user: AuthUser, organizationId: string, now: Date) {
  const [invite] = await db
    .select({ id: organizationInvites.id })
    .from(organizationInvites)
    .where(
      and(
        eq(organizationInvites.organizationId, organizationId),
        pendingInvitationsFor(user.email, now),
      ),
    )
    .orderBy(desc(organizationInvites.createdAt))
    .limit(1);
  return invite ?? null;
}

/**
 * The join rule: a pending invitation for the person's address, else their verified address at a verified domain of
 * the organization with JIT on. Refused (403) naming each condition that failed.
 */
export async function joinRoute(db: Executor, user: AuthUser, organizationId: string, now: Date): Promise<JoinRoute> {
  const invite = await pendingInvite(db, user, organizationId, now);
  if (invite) return { kind: "invite", inviteId: invite.id };
  const problem = await domainProblem(db, user, organizationId);
  if (problem) throw permissionDenied(`You cannot join this organization: you have no pending invitation to it, and ${problem}.`);
  return { kind: "domain", domain: emailDomain(user.email) };
}

/**
 * The calling person joins the organization: by accepting their pending invitation (at its level), or as a member by
 * their verified address at a verified domain with JIT on. The join rule is the whole access check (a non-member holds
 * no permission in the organization); one who already belongs is left as they are.
 */
export const joinDirectoryOrganization = operation({
  permission: "directory:write",
  callers: PEOPLE,
  joining: true,
  input: z.object({}),
  authorize: async ({ db, user, organization, membership, now }) => {
    if (!membership) await joinRoute(db, user, organization.id, now);
  },
  run: async ({ db, user, principal, organization, membership, now }) => {
    if (membership) return null;
    const route = await joinRoute(db, user, organization.id, now);
    if (route.kind === "invite") {
      await acceptInvitation(db, { user, principal, now }, route.inviteId, null);
      return null;
    }
    await db.transaction(async (tx) => {
      const [joined] = await tx
        .insert(organizationMemberships)
        .values({ organizationId: organization.id, userId: user.id, level: MEMBER, source: "directory", joinedAt: now, updatedAt: now })
        .onConflictDoNothing()
        .returning();
      if (!joined) return;
      await recordActivity(tx, principal, {
        organizationId: organization.id,
        scope: "OrganizationMembership",
        itemId: joined.id,
        activity: "joined",
        name: `${user.email} (verified domain ${route.domain})`,
        changes: [{ type: "OrganizationMembership", field: "level", action: "created", before: null, after: MEMBER }],
      }, now);
    });
    return null;
  },
});

/**
 * The calling person leaves the organization. Owners cannot leave (another owner lowers their level first); the only
 * owner is told the organization must keep one (400 `last_owner`).
 */
export const leaveDirectoryOrganization = operation({
  permission: "directory:write",
  directory: "org.directory.list",
  callers: PEOPLE,
  input: z.object({}),
  run: async ({ db, user, principal, organization, membership, now }) => {
    if (membership.level === OWNER) {
      const [owners] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(organizationMemberships)
        .where(and(eq(organizationMemberships.organizationId, organization.id), eq(organizationMemberships.level, OWNER), isNull(organizationMemberships.suspendedAt)));
      if (owners.n <= 1) throw new AppError("last_owner");
    }
    await removeMembership(db, { organizationId: organization.id, principal, now }, { userId: user.id }, user.id);
    return null;
  },
});
