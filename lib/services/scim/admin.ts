import { and, asc, count, eq, ilike, or } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { organizationMemberships, scimGroupMembers, scimGroups, scimUsers, users } from "../../../db/schema";
import type { Level } from "../../auth/permissions";
import { USER_CALLERS } from "../../auth/principal";
import { notFound } from "../../errors";
import { isUuid } from "../../schemas/common";
import {
  listScimPeopleInput,
  mapScimGroupLevelInput,
  SCIM_PEOPLE_PAGE_SIZE,
  scimTargetInput,
  type ScimGroupMapping,
  type ScimPeoplePage,
} from "../../schemas/scim-admin";
import { recordActivity } from "../activity";
import { domainOf } from "../domain-rows";
import { configOf } from "../identity-provider-configs";
import { operation } from "../operation";
import { iso } from "../serialize";
import { syncLevels } from "./memberships";

const SCOPE = "ScimGroup";
const ADMINS_ONLY = "Only organization admins can view what SCIM provisioned.";

/** The tenant id of the organization's domain or config the console names; 404 for one of another organization. */
async function tenantIdOf(db: Executor, organizationId: string, target: { kind: "domain" | "config"; id: string }) {
  const row = target.kind === "domain" ? await domainOf(db, organizationId, target.id) : await configOf(db, organizationId, target.id);
  return row.id;
}

const escapeLike = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`);

function searchCondition(term: string) {
  const pattern = `%${escapeLike(term)}%`;
  return or(
    ilike(scimUsers.userName, pattern),
    ilike(scimUsers.displayName, pattern),
    ilike(scimUsers.email, pattern),
    ilike(scimUsers.givenName, pattern),
    ilike(scimUsers.familyName, pattern),
  );
}

/**
 * The people a tenant provisioned, 20 a page in creation order (admins only), each with where they stand in the
 * organization now: their level, suspended, or no longer a member.
 */
export const listScimPeople = operation({
  permission: "organization_domain:admin",
  levelDenial: ADMINS_ONLY,
  callers: USER_CALLERS,
  input: listScimPeopleInput,
  run: async ({ db, organization }, input): Promise<ScimPeoplePage> => {
    const tenantId = await tenantIdOf(db, organization.id, input);
    const where = and(eq(scimUsers.organizationId, organization.id), eq(scimUsers.tenantId, tenantId), input.search ? searchCondition(input.search) : undefined);
    const [rows, [total]] = await Promise.all([
      db
        .select({ person: scimUsers, uuid: users.uuid, level: organizationMemberships.level, suspendedAt: organizationMemberships.suspendedAt })
        .from(scimUsers)
        .innerJoin(users, eq(users.id, scimUsers.userId))
        .leftJoin(organizationMemberships, and(eq(organizationMemberships.organizationId, scimUsers.organizationId), eq(organizationMemberships.userId, scimUsers.userId)))
        .where(where)
        .orderBy(asc(scimUsers.createdAt), asc(scimUsers.id))
        .limit(SCIM_PEOPLE_PAGE_SIZE)
        .offset((input.page - 1) * SCIM_PEOPLE_PAGE_SIZE),
      db.select({ n: count() }).from(scimUsers).where(where),
    ]);
    const results = rows.map(({ person, uuid, level, suspendedAt }) => ({
      id: person.id,
      user_name: person.userName,
      display_name: person.displayName || [person.givenName, person.familyName].filter(Boolean).join(" ") || null,
      user_uuid: uuid,
      active: person.active,
      membership: level === null ? null : { level: level as Level, suspended: suspendedAt !== null },
      created_at: iso(person.createdAt),
      updated_at: iso(person.updatedAt),
    }));
    return { count: total.n, page: input.page, page_size: SCIM_PEOPLE_PAGE_SIZE, results };
  },
});

const mappingOf = (row: { id: string; displayName: string; mappedLevel: number | null; members: number }): ScimGroupMapping => ({
  id: row.id,
  display_name: row.displayName,
  member_count: row.members,
  mapped_level: row.mappedLevel as ScimGroupMapping["mapped_level"],
});

/** The tenant's groups (all of them, so few they fit one list, in creation order), or the one `groupId` names. */
async function groupsOf(db: Executor, tenantId: string, groupId?: string) {
  const rows = await db
    .select({ id: scimGroups.id, displayName: scimGroups.displayName, mappedLevel: scimGroups.mappedLevel, members: count(scimGroupMembers.scimUserId) })
    .from(scimGroups)
    .leftJoin(scimGroupMembers, eq(scimGroupMembers.groupId, scimGroups.id))
    .where(and(eq(scimGroups.tenantId, tenantId), groupId ? eq(scimGroups.id, groupId) : undefined))
    .groupBy(scimGroups.id)
    .orderBy(asc(scimGroups.createdAt), asc(scimGroups.id));
  return rows.map(mappingOf);
}

/** A tenant's groups with their member counts and the level each grants (admins only). */
export const listScimGroupMappings = operation({
  permission: "organization_domain:admin",
  levelDenial: ADMINS_ONLY,
  callers: USER_CALLERS,
  input: scimTargetInput,
  run: async ({ db, organization }, input): Promise<ScimGroupMapping[]> => groupsOf(db, await tenantIdOf(db, organization.id, input)),
});

/**
 * Maps a tenant's group to member or admin, or unmaps it (never owner); at once every SCIM-provisioned member of the
 * group takes the highest level their groups now grant, else member. Owners and members who joined otherwise keep theirs.
 */
export const mapScimGroupLevel = operation({
  permission: "organization_domain:write",
  callers: USER_CALLERS,
  input: mapScimGroupLevelInput,
  run: async ({ db, organization, principal, now }, input): Promise<ScimGroupMapping> =>
    db.transaction(async (tx) => {
      const tenantId = await tenantIdOf(tx, organization.id, input);
      if (!isUuid(input.group_id)) throw notFound("Group not found.");
      const [group] = await tx
        .select()
        .from(scimGroups)
        .where(and(eq(scimGroups.tenantId, tenantId), eq(scimGroups.id, input.group_id.toLowerCase())))
        .for("update");
      if (!group) throw notFound("Group not found.");
      if (group.mappedLevel !== input.level) {
        await tx.update(scimGroups).set({ mappedLevel: input.level }).where(eq(scimGroups.id, group.id));
        await recordActivity(
          tx,
          principal,
          {
            organizationId: organization.id,
            scope: SCOPE,
            itemId: group.id,
            activity: "updated",
            name: group.displayName,
            changes: [{ type: SCOPE, field: "mapped_level", action: "changed", before: group.mappedLevel, after: input.level }],
          },
          now,
        );
        const members = await tx
          .select({ userId: scimUsers.userId })
          .from(scimGroupMembers)
          .innerJoin(scimUsers, eq(scimUsers.id, scimGroupMembers.scimUserId))
          .where(eq(scimGroupMembers.groupId, group.id));
        await syncLevels(tx, organization.id, principal, members.map((m) => m.userId), now);
      }
      const [mapping] = await groupsOf(tx, tenantId, group.id);
      return mapping;
    }),
});
