import { and, desc, eq, isNotNull } from "drizzle-orm";
import { organizationInvites, organizationMemberships, users, type MembershipSource } from "../../db/schema";
import { USER_CALLERS } from "../auth/principal";
import { notFound } from "../errors";
import { isUuid } from "../schemas/common";
import { memberPathInput } from "../schemas/members";
import { operation } from "./operation";
import { iso } from "./serialize";

/** Who sent the invitation a member accepted (null when that person's account is gone). */
export type Inviter = { first_name: string; last_name: string; email: string } | null;

/** How a membership came to be: its source, and for an accepted invitation who sent it and when it was accepted. */
export type MemberOrigin = { source: MembershipSource; invitation: { invited_by: Inviter; accepted_at: string } | null };

/**
 * How a member joined, for the console (the documented member object stays as it is): the membership's source, and
 * for one that came from an invitation, the invitation the member accepted (kept after acceptance) and its sender.
 */
export const getMemberOrigin = operation({
  permission: "organization_member:read",
  callers: USER_CALLERS,
  input: memberPathInput,
  run: async ({ db, organization, user }, { user__uuid }): Promise<MemberOrigin> => {
    const who = user__uuid === "@me" ? eq(users.id, user.id) : isUuid(user__uuid) ? eq(users.uuid, user__uuid.toLowerCase()) : null;
    if (!who) throw notFound();
    const [membership] = await db
      .select({ userId: users.id, source: organizationMemberships.source })
      .from(organizationMemberships)
      .innerJoin(users, eq(users.id, organizationMemberships.userId))
      .where(and(eq(organizationMemberships.organizationId, organization.id), who));
    if (!membership) throw notFound();
    if (membership.source !== "invite") return { source: membership.source, invitation: null };
    const [accepted] = await db
      .select({ acceptedAt: organizationInvites.acceptedAt, inviter: { first_name: users.firstName, last_name: users.lastName, email: users.email } })
      .from(organizationInvites)
      .leftJoin(users, eq(users.id, organizationInvites.createdById))
      .where(and(eq(organizationInvites.organizationId, organization.id), eq(organizationInvites.acceptedById, membership.userId), isNotNull(organizationInvites.acceptedAt)))
      .orderBy(desc(organizationInvites.acceptedAt))
      .limit(1);
    return {
      source: membership.source,
      invitation: accepted ? { invited_by: accepted.inviter?.email ? accepted.inviter : null, accepted_at: iso(accepted.acceptedAt)! } : null,
    };
  },
});
