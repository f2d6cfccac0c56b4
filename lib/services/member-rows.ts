import { and, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { organizationMemberships, organizations, users } from "../../db/schema";
import type { Level } from "../auth/permissions";
import { OWNER } from "../auth/permissions";
import { AppError } from "../errors";
import type { OrganizationMember } from "../schemas/members";
import { iso, userBasic } from "./serialize";

export type MembershipRow = typeof organizationMemberships.$inferSelect;
type UserRow = typeof users.$inferSelect;

/** OrganizationMember; `search_match_type` only when the list is searched. */
export function serializeMember(membership: MembershipRow, user: UserRow, searchMatchType?: "exact" | "similar"): OrganizationMember {
  return {
    id: membership.id,
    user: userBasic(user),
    level: membership.level as Level,
    joined_at: iso(membership.joinedAt),
    updated_at: iso(membership.updatedAt),
    is_2fa_enabled: user.is2faEnabled,
    has_social_auth: user.hasSocialAuth,
    last_login: iso(user.lastLogin),
    is_suspended: membership.suspendedAt !== null,
    ...(searchMatchType && { search_match_type: searchMatchType }),
  };
}

export type MemberApi = ReturnType<typeof serializeMember>;

/**
 * Every change of owners locks the organization's row first (one lock order: organization, then memberships),
 * so two concurrent changes see each other's result.
 */
export async function lockOrganization(tx: Executor, organizationId: string) {
  await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId)).for("update");
}

export async function lockedMembership(tx: Executor, organizationId: string, userId: number) {
  const [row] = await tx
    .select({ membership: organizationMemberships, user: users })
    .from(organizationMemberships)
    .innerJoin(users, eq(users.id, organizationMemberships.userId))
    .where(and(eq(organizationMemberships.organizationId, organizationId), eq(organizationMemberships.userId, userId)))
    .for("update", { of: organizationMemberships });
  return row ?? null;
}

/** An organization never has zero owners who can act (not suspended); checked inside the transaction, after the change. */
export async function assertOwnerRemains(tx: Executor, organizationId: string, options: { detail?: string } = {}) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(organizationMemberships)
    .where(and(eq(organizationMemberships.organizationId, organizationId), eq(organizationMemberships.level, OWNER), isNull(organizationMemberships.suspendedAt)));
  if (row.n === 0) throw new AppError("last_owner", options);
}
