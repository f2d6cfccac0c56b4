import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { organizationMemberships, organizations } from "../../db/schema";
import type { AuthUser, Principal } from "../auth/principal";
import type { Level } from "../auth/permissions";
import { isUuid } from "../schemas/common";
import { hotQuery } from "./prepared";

export type OrganizationRow = typeof organizations.$inferSelect;

export type Membership = { id: string; level: Level };

/** The organization of the URL with the caller's membership in it (null for a non-member or a suspended member). */
export type OrganizationAccess = {
  organization: OrganizationRow;
  membership: Membership | null;
};

const selection = {
  organization: organizations,
  membershipId: organizationMemberships.id,
  level: organizationMemberships.level,
  suspendedAt: organizationMemberships.suspendedAt,
};

/** The user's memberships, the current organization first (when it is one), then by joining order. */
const currentFirst = (e: Executor, withCurrent: boolean) =>
  e
    .select(selection)
    .from(organizationMemberships)
    .innerJoin(organizations, eq(organizations.id, organizationMemberships.organizationId))
    .where(
      and(eq(organizationMemberships.userId, sql.placeholder("userId")), isNull(organizationMemberships.suspendedAt), isNull(organizations.deletedAt)),
    )
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
    .where(and(eq(organizations.id, sql.placeholder("organizationId")), isNull(organizations.deletedAt)))
    .limit(1)
    .prepare("organization_by_id");

type Row = { organization: OrganizationRow; membershipId: string | null; level: number | null; suspendedAt: Date | null };

/**
 * Resolves `:organization_id` in one indexed query: a UUID, or `@current` (the user's current organization while it is
 * an active membership, else the one joined first). Null means 404. A suspended member counts as a non-member, and
 * `@current` skips organizations where the user is suspended. A deleted organization is not found, from the moment it
 * is deleted.
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
    membership: row.membershipId && !row.suspendedAt ? { id: row.membershipId, level: row.level as Level } : null,
  };
}

const organizationOnly = (e: Executor) =>
  e
    .select()
    .from(organizations)
    .where(and(eq(organizations.id, sql.placeholder("organizationId")), isNull(organizations.deletedAt)))
    .limit(1)
    .prepare("organization_only");

/**
 * The organization an operation acts in, for any kind of caller: a user's from the path (with their membership), a
 * machine caller's the one it is bound to (a path naming another organization is 404). Null means 404.
 */
export async function resolveAccess(db: Executor, principal: Principal, rawId: string | undefined): Promise<OrganizationAccess | null> {
  if (principal.kind !== "scim" && principal.kind !== "service_account") return resolveOrganization(db, principal.user, rawId ?? "");
  if (rawId !== undefined && rawId.toLowerCase() !== principal.organizationId) return null;
  const [organization] = await hotQuery(db, "organization_only", organizationOnly).execute({ organizationId: principal.organizationId });
  return organization ? { organization, membership: null } : null;
}
