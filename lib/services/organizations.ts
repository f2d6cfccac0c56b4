import { and, asc, count, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "../../db/client";
import { organizationMemberships, organizations, users } from "../../db/schema";
import { OWNER, type Level } from "../auth/permissions";
import { organizationLimit, type Principal, USER_CALLERS } from "../auth/principal";
import { AppError } from "../errors";
import { paginationQuery } from "../schemas/common";
import { createOrganizationInput, updateOrganizationInput } from "../schemas/organizations";
import { checkRecentSignIn } from "./access-checks";
import { operation } from "./operation";
import type { OrganizationRow } from "./organization-access";
import { softDeleteOrganization } from "./organization-delete";
import { insertOrganization, serializeOrganization, updateOrganizationRow } from "./organization-rows";
import { Page } from "./page";
import { hotQuery } from "./prepared";

export { serializeOrganization };

/** Active members of an organization, as a correlated subquery (inactive users and suspended members are not counted). */
const memberCountSql = sql<number>`(select count(*)::int from ${organizationMemberships} om join ${users} u on u.id = om.user_id where om.organization_id = ${organizations.id} and u.is_active and om.suspended_at is null)`;

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
    ...(input.allow_domain_discovery !== undefined && { allowDomainDiscovery: input.allow_domain_discovery }),
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
      isNull(organizations.deletedAt),
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
      db
        .select({ n: count() })
        .from(organizationMemberships)
        .innerJoin(organizations, eq(organizations.id, organizationMemberships.organizationId))
        .where(mine),
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
      const org = await insertOrganization(tx, principal, now, user, { ...settingsColumns(input), name: input.name }, { makeCurrent: principal.kind !== "cli" });
      return serializeOrganization(org, OWNER, 1);
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
      const updated = await updateOrganizationRow(tx, principal, now, organization, settingsColumns(input));
      return serializeOrganization(updated, membership.level, await memberCountOf(tx, organization.id));
    });
  },
});

/** Deletes an organization (owners only): gone at once, what it owns removed by a job. */
export const deleteOrganization = operation({
  permission: "organization:delete",
  callers: USER_CALLERS,
  sensitive: true,
  input: z.object({}),
  run: async ({ db, organization, principal, now }) => {
    await db.transaction((tx) => softDeleteOrganization(tx, principal, organization, now));
    return null;
  },
});
