import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { directoryRoleAssignments, organizationMemberships, serviceAccounts, users } from "../../../db/schema";
import { USER_CALLERS } from "../../auth/principal";
import { AppError, notFound } from "../../errors";
import { isUuid } from "../../schemas/common";
import { assignDirectoryRoleInput, directoryRoleAssignmentIdInput, directoryRoleIdInput, type DirectoryRoleAssignment } from "../../schemas/directory-roles";
import { recordActivity } from "../activity";
import { isUniqueViolation } from "../db-errors";
import { operation } from "../operation";
import { iso } from "../serialize";
import { checkRoleGrant, DIRECTORY_ROLE_SCOPE as SCOPE, directoryRoleOf } from "./roles-rows";

const selection = {
  assignment: directoryRoleAssignments,
  user: { uuid: users.uuid, email: users.email },
  accountName: serviceAccounts.name,
};

/** The role's assignments with who holds each (a member's user, or a service account), oldest first. */
function assignmentRows(db: Executor, roleId: string, assignmentId?: string) {
  return db
    .select(selection)
    .from(directoryRoleAssignments)
    .leftJoin(organizationMemberships, eq(organizationMemberships.id, directoryRoleAssignments.membershipId))
    .leftJoin(users, eq(users.id, organizationMemberships.userId))
    .leftJoin(serviceAccounts, eq(serviceAccounts.id, directoryRoleAssignments.serviceAccountId))
    .where(and(eq(directoryRoleAssignments.roleId, roleId), assignmentId ? eq(directoryRoleAssignments.id, assignmentId) : undefined))
    .orderBy(asc(directoryRoleAssignments.createdAt), asc(directoryRoleAssignments.id));
}

type Row = Awaited<ReturnType<typeof assignmentRows>>[number];

function serializeAssignment({ assignment, user, accountName }: Row): DirectoryRoleAssignment {
  return {
    id: assignment.id,
    membership_id: assignment.membershipId,
    user: user?.uuid ? { uuid: user.uuid, email: user.email } : null,
    service_account_id: assignment.serviceAccountId,
    service_account_name: accountName,
    created_at: iso(assignment.createdAt),
  };
}

/** The holder named in the body, in this organization; another organization's is as unknown as a made-up one. */
async function holderOf(tx: Executor, organizationId: string, input: { membership_id?: string; service_account_id?: string }) {
  if (input.membership_id) {
    const [row] = await tx
      .select({ id: organizationMemberships.id, email: users.email })
      .from(organizationMemberships)
      .innerJoin(users, eq(users.id, organizationMemberships.userId))
      .where(and(eq(organizationMemberships.id, input.membership_id.toLowerCase()), eq(organizationMemberships.organizationId, organizationId)));
    if (!row) throw new AppError("does_not_exist", { detail: "No member of this organization has this membership id.", attr: "membership_id" });
    return { values: { membershipId: row.id }, name: row.email };
  }
  const [row] = await tx
    .select({ id: serviceAccounts.id, name: serviceAccounts.name })
    .from(serviceAccounts)
    .where(and(eq(serviceAccounts.id, (input.service_account_id ?? "").toLowerCase()), eq(serviceAccounts.organizationId, organizationId)));
  if (!row) throw new AppError("does_not_exist", { detail: "This organization has no service account with this id.", attr: "service_account_id" });
  return { values: { serviceAccountId: row.id }, name: row.name };
}

/** Administrators list who holds a custom role: members and service accounts. */
export const listDirectoryRoleAssignments = operation({
  permission: "directory_role:read",
  callers: USER_CALLERS,
  input: directoryRoleIdInput,
  run: async ({ db, organization }, { id }) => {
    const role = await directoryRoleOf(db, organization.id, id);
    return (await assignmentRows(db, role.id)).map(serializeAssignment);
  },
});

/**
 * Administrators give a custom role to a member or a service account of the organization, only when they hold every
 * permission the role grants; the holder gains them at once. Giving it twice is 400 `unique`.
 */
export const assignDirectoryRole = operation({
  permission: "directory_role:write",
  callers: USER_CALLERS,
  input: assignDirectoryRoleInput,
  run: async ({ db, organization, membership, principal, now }, input) => {
    const created = await db
      .transaction(async (tx) => {
        const role = await directoryRoleOf(tx, organization.id, input.id, { lock: true });
        checkRoleGrant(membership.level, role.permissions);
        const holder = await holderOf(tx, organization.id, input);
        const [row] = await tx.insert(directoryRoleAssignments).values({ roleId: role.id, ...holder.values, createdAt: now }).returning();
        await recordActivity(tx, principal, {
          organizationId: organization.id,
          scope: SCOPE,
          itemId: role.id,
          activity: "assigned",
          name: role.name,
          changes: [{ type: SCOPE, field: "assignment", action: "created", before: null, after: { id: row.id, ...holder.values, holder: holder.name } }],
        }, now);
        return row;
      })
      .catch((err: unknown) => {
        if (isUniqueViolation(err)) throw new AppError("unique", { detail: "This role is already assigned to them." });
        throw err;
      });
    const [row] = await assignmentRows(db, created.roleId, created.id);
    return serializeAssignment(row);
  },
});

/** Administrators take a custom role from its holder; what it granted them is gone at once. */
export const unassignDirectoryRole = operation({
  permission: "directory_role:write",
  callers: USER_CALLERS,
  input: directoryRoleAssignmentIdInput,
  run: async ({ db, organization, principal, now }, { id, assignment_id }) => {
    if (!isUuid(assignment_id)) throw notFound();
    await db.transaction(async (tx) => {
      const role = await directoryRoleOf(tx, organization.id, id, { lock: true });
      const [row] = await assignmentRows(tx, role.id, assignment_id.toLowerCase());
      if (!row) throw notFound();
      await tx.delete(directoryRoleAssignments).where(eq(directoryRoleAssignments.id, row.assignment.id));
      const before = { id: row.assignment.id, membershipId: row.assignment.membershipId, serviceAccountId: row.assignment.serviceAccountId, holder: row.user?.email ?? row.accountName };
      await recordActivity(tx, principal, {
        organizationId: organization.id,
        scope: SCOPE,
        itemId: role.id,
        activity: "unassigned",
        name: role.name,
        changes: [{ type: SCOPE, field: "assignment", action: "deleted", before, after: null }],
      }, now);
    });
    return null;
  },
});
