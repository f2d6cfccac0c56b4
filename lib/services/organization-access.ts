import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { organizationMemberships, organizations } from "../../db/schema";
import type { AuthUser } from "../auth/principal";
import type { Level } from "../auth/permissions";
import { isUuid } from "../schemas/common";
import { hotQuery } from "./prepared";

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
const selection = { organization: organizations, membershipId: organizationMemberships.id, level: organizationMemberships.level };

/** The user's memberships, the current organization first (when it is one), then by joining order. */
const currentFirst = (e: Executor, withCurrent: boolean) =>
  e
    .select(selection)
    .from(organizationMemberships)
    .innerJoin(organizations, eq(organizations.id, organizationMemberships.organizationId))
    .where(eq(organizationMemberships.userId, sql.placeholder("userId")))
    .orderBy(
      ...(withCurrent ? [desc(sql`${organizations.id} = ${sql.placeholder("current")}`)] : []),
      asc(organizationMemberships.joinedAt),
    )
    .limit(1)
    .prepare(withCurrent ? "organization_current" : "organization_first");

const byId = (e: Executor) =>
  e
    .select(selection)
    .from(organizations)
    .leftJoin(
      organizationMemberships,
      and(eq(organizationMemberships.organizationId, organizations.id), eq(organizationMemberships.userId, sql.placeholder("userId"))),
    )
    .where(eq(organizations.id, sql.placeholder("organizationId")))
    .limit(1)
    .prepare("organization_by_id");

type Row = { organization: OrganizationRow; membershipId: string | null; level: number | null };

/**
 * Resolves `:organization_id` in one indexed query: a UUID, or `@current` (decision 10: the user's
 * current organization while it is a membership, else the one joined first). Null means 404.
 */
export async function resolveOrganization(
  db: Executor,
  user: AuthUser | null,
  rawId: string,
): Promise<OrganizationAccess | null> {
  let row: Row | undefined;
  if (rawId === "@current") {
    if (!user) return null;
    const current = user.currentOrganizationId;
    [row] = current
      ? await hotQuery(db, "organization_current", (e) => currentFirst(e, true)).execute({ userId: user.id, current })
      : await hotQuery(db, "organization_first", (e) => currentFirst(e, false)).execute({ userId: user.id });
  } else {
    if (!isUuid(rawId)) return null;
    [row] = await hotQuery(db, "organization_by_id", byId).execute({ userId: user?.id ?? -1, organizationId: rawId.toLowerCase() });
  }
  if (!row) return null;
  return {
    organization: row.organization,
    membership: row.membershipId ? { id: row.membershipId, level: row.level as Level } : null,
  };
}
