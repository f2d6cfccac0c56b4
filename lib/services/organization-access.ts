import { asc, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { organizationMemberships, organizations } from "../../db/schema";
import type { AuthUser } from "../auth/principal";
import type { Level } from "../auth/permissions";
import { isUuid } from "../schemas/common";

export type OrganizationRow = typeof organizations.$inferSelect;

/** The organization of the URL with the caller's membership in it (null for a non-member). */
export type OrganizationAccess = {
  organization: OrganizationRow;
  membership: { id: string; level: Level } | null;
};

/**
 * Resolves `:organization_id` in one indexed query: a UUID, or `@current` (decision 10: the user's
 * current organization while it is a membership, else the one joined first). Null means 404.
 */
export async function resolveOrganization(
  db: Executor,
  user: AuthUser | null,
  rawId: string,
): Promise<OrganizationAccess | null> {
  if (rawId === "@current") {
    if (!user) return null;
    const current = user.currentOrganizationId;
    const [row] = await db
      .select({ organization: organizations, membershipId: organizationMemberships.id, level: organizationMemberships.level })
      .from(organizationMemberships)
      .innerJoin(organizations, eq(organizations.id, organizationMemberships.organizationId))
      .where(eq(organizationMemberships.userId, user.id))
      .orderBy(
        current ? desc(sql`${organizations.id} = ${current}`) : asc(organizationMemberships.joinedAt),
        asc(organizationMemberships.joinedAt),
      )
      .limit(1);
    return row ? { organization: row.organization, membership: { id: row.membershipId, level: row.level as Level } } : null;
  }
  if (!isUuid(rawId)) return null;
  const [row] = await db
    .select({ organization: organizations, membershipId: organizationMemberships.id, level: organizationMemberships.level })
    .from(organizations)
    .leftJoin(
      organizationMemberships,
      sql`${organizationMemberships.organizationId} = ${organizations.id} and ${organizationMemberships.userId} = ${user?.id ?? -1}`,
    )
    .where(eq(organizations.id, rawId.toLowerCase()))
    .limit(1);
  if (!row) return null;
  return {
    organization: row.organization,
    membership: row.membershipId ? { id: row.membershipId, level: row.level as Level } : null,
  };
}
