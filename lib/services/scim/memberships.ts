import { and, eq, inArray, isNotNull, isNull, ne, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { organizationDomains, organizationInvites, organizationMemberships, scimUsers } from "../../../db/schema";
import { MEMBER, OWNER } from "../../auth/permissions";
import type { Principal } from "../../auth/principal";
import { recordActivity } from "../activity";
import { assertOwnerRemains } from "../member-rows";

const SCOPE = "OrganizationMembership";
type Membership = typeof organizationMemberships.$inferSelect;
/** Who changes whom, where: the SCIM caller, the organization, the person (by id and email, for the log). */
export type MembershipChange = { tx: Executor; organizationId: string; principal: Principal; user: { id: number; email: string }; now: Date };

const LAST_OWNER = "The last owner of the organization cannot be suspended or removed through SCIM.";

/** The organization's verified domains: a SCIM client may provision addresses at these only. */
export async function verifiedDomainsOf(tx: Executor, organizationId: string): Promise<string[]> {
  const rows = await tx
    .select({ domain: organizationDomains.domain })
    .from(organizationDomains)
    .where(and(eq(organizationDomains.organizationId, organizationId), isNotNull(organizationDomains.verifiedAt)));
  return rows.map((r) => r.domain);
}

async function lockedMembership(tx: Executor, organizationId: string, userId: number) {
  const [row] = await tx
    .select()
    .from(organizationMemberships)
    .where(and(eq(organizationMemberships.organizationId, organizationId), eq(organizationMemberships.userId, userId)))
    .for("update");
  return row ?? null;
}

const log = (c: MembershipChange, membership: Membership, activity: string, field: string, before: unknown, after: unknown) =>
  recordActivity(c.tx, c.principal, {
    organizationId: c.organizationId,
    scope: SCOPE,
    itemId: membership.id,
    activity,
    name: c.user.email,
    changes: [{ type: SCOPE, field, action: before === null ? "created" : after === null ? "deleted" : "changed", before, after }],
  }, c.now);

/**
 * The person's membership, made when missing (a member, source `scim`) or adopted as it is when they already belong;
 * their pending invitations to the organization count as accepted. Then suspended or restored as `active` says.
 */
export async function ensureMembership(c: MembershipChange, active: boolean): Promise<Membership> {
  let membership = await lockedMembership(c.tx, c.organizationId, c.user.id);
  if (!membership) {
    [membership] = await c.tx
      .insert(organizationMemberships)
      .values({ organizationId: c.organizationId, userId: c.user.id, level: MEMBER, source: "scim", joinedAt: c.now, updatedAt: c.now, suspendedAt: active ? null : c.now })
      .returning();
    await log(c, membership, "joined", "level", null, MEMBER);
    await c.tx
      .update(organizationInvites)
      .set({ acceptedAt: c.now })
      .where(and(eq(organizationInvites.organizationId, c.organizationId), sql`lower(${organizationInvites.targetEmail}) = ${c.user.email.toLowerCase()}`, isNull(organizationInvites.acceptedAt)));
    return membership;
  }
  return setActive(c, membership, active);
}

/** Suspends (`active: false`) or restores a membership; the last owner who can act is never suspended. */
export async function setActive(c: MembershipChange, membership: Membership, active: boolean): Promise<Membership> {
  if ((membership.suspendedAt === null) === active) return membership;
  const [after] = await c.tx
    .update(organizationMemberships)
    .set({ suspendedAt: active ? null : c.now, updatedAt: c.now })
    .where(eq(organizationMemberships.id, membership.id))
    .returning();
  if (!active) await assertOwnerRemains(c.tx, c.organizationId, { detail: LAST_OWNER });
  await log(c, after, active ? "restored" : "suspended", "is_suspended", active, !active);
  return after;
}

/**
 * Removes the membership when no other SCIM tenant of the organization still provisions the person (the Orgdeck user
 * always remains); the last owner who can act is never removed.
 */
export async function removeMembership(c: MembershipChange, exceptScimUserId: string) {
  const [other] = await c.tx
    .select({ id: scimUsers.id })
    .from(scimUsers)
    .where(and(eq(scimUsers.organizationId, c.organizationId), eq(scimUsers.userId, c.user.id), ne(scimUsers.id, exceptScimUserId)))
    .limit(1);
  if (other) return;
  const membership = await lockedMembership(c.tx, c.organizationId, c.user.id);
  if (!membership) return;
  await c.tx.delete(organizationMemberships).where(eq(organizationMemberships.id, membership.id));
  await assertOwnerRemains(c.tx, c.organizationId, { detail: LAST_OWNER });
  await log(c, membership, "removed", "level", membership.level, null);
}

/**
 * A SCIM-provisioned member's level follows their groups: the highest level mapped to any group they are in (across
 * the organization's tenants), else member. Owners and members who joined another way keep the level they have.
 */
export async function syncLevels(tx: Executor, organizationId: string, principal: Principal, userIds: number[], now: Date) {
  if (userIds.length === 0) return;
  const rows = await tx
    .select({
      membership: organizationMemberships,
      email: sql<string>`(select u.email from users u where u.id = organization_memberships.user_id)`,
      mapped: sql<number | null>`(
        select max(g.mapped_level) from scim_groups g
        join scim_group_members gm on gm.group_id = g.id
        join scim_users su on su.id = gm.scim_user_id
        where su.user_id = organization_memberships.user_id and g.organization_id = ${organizationId})`,
    })
    .from(organizationMemberships)
    .where(and(eq(organizationMemberships.organizationId, organizationId), inArray(organizationMemberships.userId, userIds), eq(organizationMemberships.source, "scim"), ne(organizationMemberships.level, OWNER)))
    .for("update", { of: organizationMemberships });
  for (const { membership, email, mapped } of rows) {
    const level = mapped ?? MEMBER;
    if (level === membership.level) continue;
    await tx.update(organizationMemberships).set({ level, updatedAt: now }).where(eq(organizationMemberships.id, membership.id));
    await log({ tx, organizationId, principal, user: { id: membership.userId, email }, now }, membership, "updated", "level", membership.level, level);
  }
}
