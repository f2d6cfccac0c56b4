import { and, asc, count, eq, inArray, isNull } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { directoryRoleAssignments, directoryRoles, organizationMemberships, users } from "../../../db/schema";
import { ADMIN, MEMBER, OWNER, roleOf, type Level } from "../../auth/permissions";
import type { Principal } from "../../auth/principal";
import { invalidInput, notFound } from "../../errors";
import { isUuid } from "../../schemas/common";
import { directorySubjectInput, listDirectoryMembersInput, type DirectoryMember } from "../../schemas/directory-roles";
import { recordActivity } from "../activity";
import { allowJitAgain } from "../jit";
import { removeMembership, type Remover } from "../members";
import { operation } from "../operation";
import { Page } from "../page";
import { iso } from "../serialize";
import { DIRECTORY_CALLERS } from "./grants";

/**
 * The plain list of subject ids is complete, never cut short: it holds at most this many; a larger organization is
 * asked to page through `?expand=true`.
 */
export const MAX_SUBJECT_IDS = 10_000;

/** Members with access: active accounts, memberships not suspended. */
const withAccess = (organizationId: string) =>
  and(eq(organizationMemberships.organizationId, organizationId), isNull(organizationMemberships.suspendedAt), eq(users.isActive, true));

/** The custom roles' names of each membership, by name. */
async function customRoleNames(db: Executor, membershipIds: string[]) {
  const byMembership = new Map<string, string[]>();
  if (membershipIds.length === 0) return byMembership;
  const rows = await db
    .select({ membershipId: directoryRoleAssignments.membershipId, name: directoryRoles.name })
    .from(directoryRoleAssignments)
    .innerJoin(directoryRoles, eq(directoryRoles.id, directoryRoleAssignments.roleId))
    .where(inArray(directoryRoleAssignments.membershipId, membershipIds))
    .orderBy(asc(directoryRoles.name));
  for (const r of rows) byMembership.set(r.membershipId!, [...(byMembership.get(r.membershipId!) ?? []), r.name]);
  return byMembership;
}

/**
 * The organization's members with access, oldest first: their subject ids (the users' UUIDs), complete up to
 * MAX_SUBJECT_IDS; with `expand=true` a page of members with email, roles (built-in, then custom), source and join time.
 */
export const listDirectoryMembers = operation({
  permission: "directory:read",
  directory: "org.directory.list",
  callers: DIRECTORY_CALLERS,
  input: listDirectoryMembersInput,
  run: async ({ db, organization }, input) => {
    const where = withAccess(organization.id);
    const order = [asc(organizationMemberships.joinedAt), asc(organizationMemberships.id)];
    const from = () => db.select({ uuid: users.uuid }).from(organizationMemberships).innerJoin(users, eq(users.id, organizationMemberships.userId));
    if (input.expand !== "true") {
      const rows = await from().where(where).orderBy(...order).limit(MAX_SUBJECT_IDS + 1);
      if (rows.length > MAX_SUBJECT_IDS) {
        throw invalidInput(`This organization has more than ${MAX_SUBJECT_IDS} members: page through them with expand=true, limit and offset.`);
      }
      return rows.map((r) => r.uuid);
    }
    const [rows, [total]] = await Promise.all([
      db
        .select({ membership: organizationMemberships, uuid: users.uuid, email: users.email })
        .from(organizationMemberships)
        .innerJoin(users, eq(users.id, organizationMemberships.userId))
        .where(where)
        .orderBy(...order)
        .limit(input.limit)
        .offset(input.offset),
      db.select({ n: count() }).from(organizationMemberships).innerJoin(users, eq(users.id, organizationMemberships.userId)).where(where),
    ]);
    const custom = await customRoleNames(db, rows.map((r) => r.membership.id));
    const results: DirectoryMember[] = rows.map((r) => ({
      subject_id: r.uuid,
      email: r.email,
      roles: [roleOf(r.membership.level as Level), ...(custom.get(r.membership.id) ?? [])],
      source: r.membership.source,
      joined_at: iso(r.membership.joinedAt)!,
    }));
    return new Page(results, total.n, { limit: input.limit, offset: input.offset });
  },
});

/** The active user a subject id names; a malformed or unknown one is 404. */
async function subjectUser(db: Executor, subjectId: string) {
  if (!isUuid(subjectId)) throw notFound();
  const [user] = await db.select().from(users).where(eq(users.uuid, subjectId.toLowerCase()));
  if (!user || !user.isActive) throw notFound();
  return user;
}

/**
 * Adds an existing user as a member (source `directory`); one who already belongs is left as they are. Being added
 * asks them back, so JIT provisioning may add them again later.
 */
export const addDirectoryMember = operation({
  permission: "directory:write",
  directory: "org.directory.members.create",
  callers: DIRECTORY_CALLERS,
  input: directorySubjectInput,
  run: async ({ db, organization, principal, now }, { subject_id }) => {
    const user = await subjectUser(db, subject_id);
    await db.transaction(async (tx) => {
      const [membership] = await tx
        .insert(organizationMemberships)
        .values({ organizationId: organization.id, userId: user.id, level: MEMBER, source: "directory", joinedAt: now, updatedAt: now })
        .onConflictDoNothing()
        .returning();
      if (!membership) return;
      await allowJitAgain(tx, organization.id, user.email);
      await recordActivity(tx, principal, {
        organizationId: organization.id,
        scope: "OrganizationMembership",
        itemId: membership.id,
        activity: "joined",
        name: user.email,
        changes: [{ type: "OrganizationMembership", field: "level", action: "created", before: null, after: MEMBER }],
      }, now);
    });
    return null;
  },
});

/**
 * Who removes, for the removal rules: a person as their own membership; a service account (which holds the removal
 * permission) with an administrator's authority, so never an owner; the operator at the CLI with an owner's.
 */
export function removerOf(principal: Principal): Remover {
  if (principal.user) return { userId: principal.user.id };
  return { machineLevel: principal.kind === "cli" ? OWNER : ADMIN };
}

/**
 * Removes a member under the removal rules: someone else only by an administrator at or above their level; oneself
 * as when leaving (owners cannot). An organization always keeps an owner. A non-member subject is 404.
 */
export const removeDirectoryMember = operation({
  permission: "directory:write",
  directory: "org.directory.members.delete",
  callers: DIRECTORY_CALLERS,
  input: directorySubjectInput,
  run: async ({ db, organization, principal, now }, { subject_id }) => {
    const user = await subjectUser(db, subject_id);
    await removeMembership(db, { organizationId: organization.id, principal, now }, removerOf(principal), user.id);
    return null;
  },
});
