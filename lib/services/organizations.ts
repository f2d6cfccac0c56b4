import { randomBytes } from "node:crypto";
import { and, asc, count, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { organizationMemberships, organizations, users } from "../../db/schema";
import { OWNER, type Level } from "../auth/permissions";
import { organizationLimit, type Principal, USER_CALLERS } from "../auth/principal";
import { AppError } from "../errors";
import { paginationQuery } from "../schemas/common";
import { createOrganizationInput, type Organization, updateOrganizationInput } from "../schemas/organizations";
import { diffChanges, recordActivity, wholeObjectChanges } from "./activity";
import { checkRecentSignIn } from "./access-checks";
import { isUniqueViolation } from "./db-errors";
import { operation } from "./operation";
import { mediaKeysOf } from "./organization-logo";
import type { OrganizationRow } from "./organization-access";
import { Page } from "./page";
import { hotQuery } from "./prepared";
import { iso } from "./serialize";
import { z } from "zod";

const SCOPE = "Organization";

/** Active members of an organization, as a correlated subquery (inactive users and suspended members are not counted). */
const memberCountSql = sql<number>`(select count(*)::int from ${organizationMemberships} om join ${users} u on u.id = om.user_id where om.organization_id = ${organizations.id} and u.is_active and om.suspended_at is null)`;

function settingsOf(org: OrganizationRow) {
  return {
    name: org.name,
    slug: org.slug,
    enforce_2fa: org.enforce2fa,
    members_can_invite: org.membersCanInvite,
    members_can_use_personal_api_keys: org.membersCanUsePersonalApiKeys,
    members_can_create_projects: org.membersCanCreateProjects,
    is_member_join_email_enabled: org.isMemberJoinEmailEnabled,
    is_ai_data_processing_approved: org.isAiDataProcessingApproved,
  };
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

export type OrganizationApi = ReturnType<typeof serializeOrganization>;

const memberCount = (e: Executor) =>
  e
    .select({ n: count() })
    .from(organizationMemberships)
    .innerJoin(users, eq(users.id, organizationMemberships.userId))
    .where(
      and(
        eq(organizationMemberships.organizationId, sql.placeholder("organizationId")),
        eq(users.isActive, true),
        isNull(organizationMemberships.suspendedAt),
      ),
    )
    .prepare("organization_member_count");

async function memberCountOf(db: Executor, organizationId: string) {
  const [row] = await hotQuery(db, "organization_member_count", memberCount).execute({ organizationId });
  return row.n;
}

function slugify(name: string) {
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

const slugTaken = () => new AppError("unique", { detail: "Organization with this slug already exists.", attr: "slug" });

function settingsColumns(input: z.output<typeof updateOrganizationInput>) {
  return {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.slug !== undefined && { slug: input.slug }),
    ...(input.enforce_2fa !== undefined && { enforce2fa: input.enforce_2fa }),
    ...(input.members_can_invite !== undefined && { membersCanInvite: input.members_can_invite }),
    ...(input.members_can_use_personal_api_keys !== undefined && {
      membersCanUsePersonalApiKeys: input.members_can_use_personal_api_keys,
    }),
    ...(input.members_can_create_projects !== undefined && { membersCanCreateProjects: input.members_can_create_projects }),
    ...(input.is_member_join_email_enabled !== undefined && { isMemberJoinEmailEnabled: input.is_member_join_email_enabled }),
    ...(input.is_ai_data_processing_approved !== undefined && {
      isAiDataProcessingApproved: input.is_ai_data_processing_approved,
    }),
  };
}

/** Only a session that has a second factor may start requiring one from everyone. */
function checkCanRequire2fa(principal: Principal, requested: boolean | null | undefined, alreadyRequired: boolean) {
  if (requested === true && !alreadyRequired && principal.kind === "session" && !principal.session.mfa) {
    throw new AppError("two_factor_required_to_enforce", { attr: "enforce_2fa" });
  }
}

/** Turning off required two-factor authentication or personal API keys for members needs a recent sign-in. */
function loosensSecurity(organization: OrganizationRow, input: z.output<typeof updateOrganizationInput>) {
  return (
    (organization.enforce2fa === true && input.enforce_2fa === false) ||
    (organization.membersCanUsePersonalApiKeys && input.members_can_use_personal_api_keys === false)
  );
}

/** Lists the organizations where the caller is an active (unsuspended) member, oldest first; an organization-scoped key sees only its organizations. */
export const listOrganizations = operation({
  permission: "organization:list",
  callers: USER_CALLERS,
  input: paginationQuery,
  run: async ({ db, user, principal }, { limit, offset }) => {
    const reach = organizationLimit(principal);
    const mine = and(
      eq(organizationMemberships.userId, user.id),
      isNull(organizationMemberships.suspendedAt),
      reach ? inArray(organizationMemberships.organizationId, [...reach]) : undefined,
    );
    const [rows, [total]] = await Promise.all([
      db
        .select({ organization: organizations, level: organizationMemberships.level, memberCount: memberCountSql })
        .from(organizationMemberships)
        .innerJoin(organizations, eq(organizations.id, organizationMemberships.organizationId))
        .where(mine)
        .orderBy(asc(organizations.createdAt), asc(organizations.id))
        .limit(limit)
        .offset(offset),
      db.select({ n: count() }).from(organizationMemberships).where(mine),
    ]);
    const results = rows.map((r) => serializeOrganization(r.organization, r.level as Level, r.memberCount));
    return new Page(results, total.n, { limit, offset });
  },
});

/** Creates an organization owned by the caller, which becomes their current one; the admin CLI never changes a user's current organization. */
export const createOrganization = operation({
  permission: "organization:create",
  callers: USER_CALLERS,
  input: createOrganizationInput,
  run: async ({ db, user, principal, now }, input) => {
    checkCanRequire2fa(principal, input.enforce_2fa, false);
    return db.transaction(async (tx) => {
      let org: OrganizationRow | undefined;
      for (let attempt = 0; !org && attempt < 6; attempt++) {
        const slug = input.slug ?? (attempt === 0 ? slugify(input.name) : `${slugify(input.name)}-${randomBytes(3).toString("hex")}`);
        [org] = await tx
          .insert(organizations)
          .values({ ...settingsColumns(input), name: input.name, slug, createdAt: now, updatedAt: now })
          .onConflictDoNothing({ target: organizations.slug })
          .returning();
        if (!org && input.slug !== undefined) throw slugTaken();
      }
      if (!org) throw new Error("could not find a free slug");
      await tx.insert(organizationMemberships).values({ organizationId: org.id, userId: user.id, level: OWNER, source: "created", joinedAt: now, updatedAt: now });
      if (principal.kind !== "cli") {
        await tx.update(users).set({ currentOrganizationId: org.id }).where(eq(users.id, user.id));
      }
      const created = serializeOrganization(org, OWNER, 1);
      await recordActivity(tx, principal, {
        organizationId: org.id,
        scope: SCOPE,
        itemId: org.id,
        activity: "created",
        name: org.name,
        changes: wholeObjectChanges(SCOPE, "created", settingsOf(org)),
      }, now);
      return created;
    });
  },
});

/** Returns an organization to any of its members. */
export const getOrganization = operation({
  permission: "organization:read",
  callers: USER_CALLERS,
  input: z.object({}),
  run: async ({ db, organization, membership }) =>
    serializeOrganization(organization, membership.level, await memberCountOf(db, organization.id)),
});

/** Changes an organization's settings (admins and owners); requiring 2FA needs a session that has it. */
export const updateOrganization = operation({
  permission: "organization:write",
  callers: USER_CALLERS,
  input: updateOrganizationInput,
  run: async ({ db, organization, membership, principal, now }, input) => {
    checkCanRequire2fa(principal, input.enforce_2fa, organization.enforce2fa === true);
    if (loosensSecurity(organization, input)) checkRecentSignIn(principal, now);
    return db.transaction(async (tx) => {
      const columns = settingsColumns(input);
      let updated = organization;
      if (Object.keys(columns).length > 0) {
        try {
          [updated] = await tx
            .update(organizations)
            .set({ ...columns, updatedAt: now })
            .where(eq(organizations.id, organization.id))
            .returning();
        } catch (err) {
          if (isUniqueViolation(err)) throw slugTaken();
          throw err;
        }
        const changes = diffChanges(SCOPE, settingsOf(organization), settingsOf(updated));
        if (changes.length > 0) {
          await recordActivity(tx, principal, { organizationId: organization.id, scope: SCOPE, itemId: organization.id, activity: "updated", name: updated.name, changes }, now);
        }
      }
      return serializeOrganization(updated, membership.level, await memberCountOf(tx, organization.id));
    });
  },
});

/** Deletes an organization and everything it owns (owners only). */
export const deleteOrganization = operation({
  permission: "organization:delete",
  callers: USER_CALLERS,
  sensitive: true,
  input: z.object({}),
  run: async ({ db, organization, principal, now, adapters }) => {
    const stored = await db.transaction(async (tx) => {
      const uploads = await mediaKeysOf(tx, organization.id);
      await tx.delete(organizations).where(eq(organizations.id, organization.id));
      await tx.update(users).set({ currentOrganizationId: null }).where(eq(users.currentOrganizationId, organization.id));
      await recordActivity(tx, principal, {
        organizationId: organization.id,
        scope: SCOPE,
        itemId: organization.id,
        activity: "deleted",
        name: organization.name,
        changes: wholeObjectChanges(SCOPE, "deleted", settingsOf(organization)),
      }, now);
      return uploads;
    });
    // The rows went with the organization; their bytes go once that is committed.
    await Promise.all(stored.map((key) => adapters.storage.delete(key)));
    return null;
  },
});
