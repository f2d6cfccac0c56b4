import { randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { organizationMemberships, organizations, users } from "../../db/schema";
import { OWNER, type Level } from "../auth/permissions";
import type { Principal } from "../auth/principal";
import { AppError, organizationNotFound } from "../errors";
import type { Organization } from "../schemas/organizations";
import { diffChanges, recordActivity, wholeObjectChanges } from "./activity";
import type { OrganizationRow } from "./organization-access";
import { iso } from "./serialize";

export const ORGANIZATION_SCOPE = "Organization";

/** The settings `/api` shows and the activity log records. */
export function settingsOf(org: OrganizationRow) {
  return {
    name: org.name,
    slug: org.slug,
    enforce_2fa: org.enforce2fa,
    members_can_invite: org.membersCanInvite,
    members_can_use_personal_api_keys: org.membersCanUsePersonalApiKeys,
    members_can_create_projects: org.membersCanCreateProjects,
    is_member_join_email_enabled: org.isMemberJoinEmailEnabled,
    is_ai_data_processing_approved: org.isAiDataProcessingApproved,
    allow_domain_discovery: org.allowDomainDiscovery,
  };
}

/** Every field the activity log compares: the settings, plus the directory API's fields once one is set. */
export function auditedOrganization(org: OrganizationRow): Record<string, unknown> {
  const directory = { subdomain: org.subdomain, status: org.status, external_sales_force_id: org.externalSalesForceId };
  return { ...settingsOf(org), ...Object.fromEntries(Object.entries(directory).filter(([, v]) => v !== null)) };
}

export function serializeOrganization(org: OrganizationRow, membershipLevel: Level | null, memberCount: number): Organization {
  return {
    id: org.id,
    ...settingsOf(org),
    logo_media_id: org.logoMediaId,
    created_at: iso(org.createdAt),
    updated_at: iso(org.updatedAt),
    membership_level: membershipLevel,
    member_count: memberCount,
  };
}

export function slugify(name: string) {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return slug || "organization";
}

export const slugTaken = () => new AppError("unique", { detail: "Organization with this slug already exists.", attr: "slug" });

/** A subdomain taken by another organization and a reserved one get the same answer: nobody learns which it is. */
export const subdomainUnavailable = () => new AppError("unique", { detail: "This subdomain is not available.", attr: "subdomain" });

/** The name of the unique constraint a database error broke, when it says (postgres.js and PGlite both do). */
function violatedConstraint(err: unknown): string | null {
  for (let e: unknown = err; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code !== "23505") continue;
    const named = (e as { constraint?: unknown; constraint_name?: unknown }).constraint ?? (e as { constraint_name?: unknown }).constraint_name;
    return typeof named === "string" ? named : "";
  }
  return null;
}

/** A unique violation on an organization's row as the field it is about; any other error as it is. */
function organizationUniqueError(err: unknown): unknown {
  const constraint = violatedConstraint(err);
  if (constraint === null) return err;
  return constraint.includes("subdomain") ? subdomainUnavailable() : slugTaken();
}

type Columns = Partial<Omit<typeof organizations.$inferInsert, "id" | "createdAt" | "updatedAt" | "deletedAt">> & { name: string };

/**
 * The one way an organization is made, inside the caller's transaction: a free slug (the name's, else with a random
 * suffix; an explicit slug that is taken is 400), the owner's membership, the owner's current organization when
 * asked, and the audit entry. A subdomain that is taken is 400.
 */
export async function insertOrganization(
  tx: Executor,
  principal: Principal,
  now: Date,
  owner: { id: number },
  columns: Columns,
  { makeCurrent }: { makeCurrent: boolean },
): Promise<OrganizationRow> {
  let org: OrganizationRow | undefined;
  try {
    for (let attempt = 0; !org && attempt < 6; attempt++) {
      const slug = columns.slug ?? (attempt === 0 ? slugify(columns.name) : `${slugify(columns.name)}-${randomBytes(3).toString("hex")}`);
      [org] = await tx
        .insert(organizations)
        .values({ ...columns, slug, createdAt: now, updatedAt: now })
        .onConflictDoNothing({ target: organizations.slug })
        .returning();
      if (!org && columns.slug !== undefined) throw slugTaken();
    }
  } catch (err) {
    throw organizationUniqueError(err);
  }
  if (!org) throw new Error("could not find a free slug");
  await tx.insert(organizationMemberships).values({ organizationId: org.id, userId: owner.id, level: OWNER, source: "created", joinedAt: now, updatedAt: now });
  if (makeCurrent) await tx.update(users).set({ currentOrganizationId: org.id }).where(eq(users.id, owner.id));
  await recordActivity(tx, principal, {
    organizationId: org.id,
    scope: ORGANIZATION_SCOPE,
    itemId: org.id,
    activity: "created",
    name: org.name,
    changes: wholeObjectChanges(ORGANIZATION_SCOPE, "created", auditedOrganization(org)),
  }, now);
  return org;
}

/**
 * The one way an organization's fields change, inside the caller's transaction: nothing sent writes nothing; a slug or
 * subdomain that is taken is 400; the audit entry lists what changed.
 */
export async function updateOrganizationRow(
  tx: Executor,
  principal: Principal,
  now: Date,
  before: OrganizationRow,
  columns: Partial<Omit<Columns, "name">> & { name?: string },
): Promise<OrganizationRow> {
  if (Object.keys(columns).length === 0) return before;
  let updated: OrganizationRow;
  try {
    [updated] = await tx
      .update(organizations)
      .set({ ...columns, updatedAt: now })
      .where(and(eq(organizations.id, before.id), isNull(organizations.deletedAt)))
      .returning();
  } catch (err) {
    throw organizationUniqueError(err);
  }
  if (!updated) throw organizationNotFound();
  const changes = diffChanges(ORGANIZATION_SCOPE, auditedOrganization(before), auditedOrganization(updated));
  if (changes.length > 0) {
    await recordActivity(tx, principal, { organizationId: before.id, scope: ORGANIZATION_SCOPE, itemId: before.id, activity: "updated", name: updated.name, changes }, now);
  }
  return updated;
}
