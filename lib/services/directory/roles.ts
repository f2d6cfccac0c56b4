import { asc, count, eq } from "drizzle-orm";
import { z } from "zod";
import { directoryRoles } from "../../../db/schema";
import { DIRECTORY_GRANTS } from "../../auth/directory-permissions";
import { LEVELS, roleOf } from "../../auth/permissions";
import { USER_CALLERS } from "../../auth/principal";
import { invalidInput } from "../../errors";
import {
  createDirectoryRoleInput,
  directoryRoleIdInput,
  listDirectoryRolesInput,
  MAX_CUSTOM_ROLES,
  updateDirectoryRoleByIdInput,
} from "../../schemas/directory-roles";
import { diffChanges, recordActivity, wholeObjectChanges } from "../activity";
import { lockOrganization } from "../member-rows";
import { operation } from "../operation";
import { Page } from "../page";
import { DIRECTORY_CALLERS } from "./grants";
import {
  assignmentCount,
  auditedDirectoryRole,
  checkRoleGrant,
  DIRECTORY_ROLE_SCOPE as SCOPE,
  directoryRoleOf,
  serializeDirectoryRole,
  uniqueRoleName,
} from "./roles-rows";

/** Administrators list the organization's custom roles by name, with how many hold each. */
export const listCustomDirectoryRoles = operation({
  permission: "directory_role:read",
  callers: USER_CALLERS,
  input: listDirectoryRolesInput,
  run: async ({ db, organization }, { limit, offset }) => {
    const where = eq(directoryRoles.organizationId, organization.id);
    const [rows, [total]] = await Promise.all([
      db.select({ role: directoryRoles, n: assignmentCount }).from(directoryRoles).where(where).orderBy(asc(directoryRoles.name), asc(directoryRoles.id)).limit(limit).offset(offset),
      db.select({ n: count() }).from(directoryRoles).where(where),
    ]);
    return new Page(rows.map((r) => serializeDirectoryRole(r.role, r.n)), total.n, { limit, offset });
  },
});

/** Administrators read one custom role. */
export const getCustomDirectoryRole = operation({
  permission: "directory_role:read",
  callers: USER_CALLERS,
  input: directoryRoleIdInput,
  run: async ({ db, organization }, { id }) => {
    const role = await directoryRoleOf(db, organization.id, id);
    const [row] = await db.select({ n: assignmentCount }).from(directoryRoles).where(eq(directoryRoles.id, role.id));
    return serializeDirectoryRole(role, row.n);
  },
});

/**
 * Administrators define a custom role: a name unique in the organization and directory permissions they hold
 * themselves; an organization holds at most MAX_CUSTOM_ROLES of them.
 */
export const createCustomDirectoryRole = operation({
  permission: "directory_role:write",
  callers: USER_CALLERS,
  input: createDirectoryRoleInput,
  run: async ({ db, organization, membership, principal, now }, input) => {
    checkRoleGrant(membership.level, input.permissions);
    return db
      .transaction(async (tx) => {
        // The organization's row lock makes the limit hold when roles are created at the same time.
        await lockOrganization(tx, organization.id);
        const [existing] = await tx.select({ n: count() }).from(directoryRoles).where(eq(directoryRoles.organizationId, organization.id));
        if (existing.n >= MAX_CUSTOM_ROLES) throw invalidInput(`An organization can define at most ${MAX_CUSTOM_ROLES} custom roles.`);
        const [row] = await tx
          .insert(directoryRoles)
          .values({ organizationId: organization.id, name: input.name, permissions: input.permissions, createdAt: now, updatedAt: now })
          .returning();
        const changes = wholeObjectChanges(SCOPE, "created", auditedDirectoryRole(row));
        await recordActivity(tx, principal, { organizationId: organization.id, scope: SCOPE, itemId: row.id, activity: "created", name: row.name, changes }, now);
        return serializeDirectoryRole(row, 0);
      })
      .catch(uniqueRoleName);
  },
});

/**
 * Administrators rename a custom role or change its permissions, adding only ones they hold; whoever holds it gains or
 * loses them at once (service accounts' tokens included). A change that changes nothing writes nothing.
 */
export const updateCustomDirectoryRole = operation({
  permission: "directory_role:write",
  callers: USER_CALLERS,
  input: updateDirectoryRoleByIdInput,
  run: async ({ db, organization, membership, principal, now }, { id, name, permissions }) =>
    db
      .transaction(async (tx) => {
        const before = await directoryRoleOf(tx, organization.id, id, { lock: true });
        if (permissions) checkRoleGrant(membership.level, permissions.filter((p) => !before.permissions.includes(p)));
        const next = { name: name ?? before.name, permissions: permissions ?? before.permissions };
        const changes = diffChanges(SCOPE, auditedDirectoryRole(before), auditedDirectoryRole({ ...before, ...next }));
        const [after] = changes.length === 0
          ? [before]
          : await tx.update(directoryRoles).set({ ...next, updatedAt: now }).where(eq(directoryRoles.id, before.id)).returning();
        if (changes.length > 0) {
          await recordActivity(tx, principal, { organizationId: organization.id, scope: SCOPE, itemId: after.id, activity: "updated", name: after.name, changes }, now);
        }
        const [row] = await tx.select({ n: assignmentCount }).from(directoryRoles).where(eq(directoryRoles.id, after.id));
        return serializeDirectoryRole(after, row.n);
      })
      .catch(uniqueRoleName),
});

/** Administrators delete a custom role; its assignments go with it, and what it granted is gone at once. */
export const deleteCustomDirectoryRole = operation({
  permission: "directory_role:write",
  callers: USER_CALLERS,
  input: directoryRoleIdInput,
  run: async ({ db, organization, principal, now }, { id }) => {
    await db.transaction(async (tx) => {
      const row = await directoryRoleOf(tx, organization.id, id, { lock: true });
      await tx.delete(directoryRoles).where(eq(directoryRoles.id, row.id));
      const changes = wholeObjectChanges(SCOPE, "deleted", auditedDirectoryRole(row));
      await recordActivity(tx, principal, { organizationId: organization.id, scope: SCOPE, itemId: row.id, activity: "deleted", name: row.name, changes }, now);
    });
    return null;
  },
});

/** The roles of the organization for the directory API: the three built-in ones, then the custom ones by name. */
export const listDirectoryApiRoles = operation({
  permission: "directory:read",
  directory: "org.roles.list",
  callers: DIRECTORY_CALLERS,
  input: z.object({}),
  run: async ({ db, organization }) => {
    const builtIn = LEVELS.map((level) => ({ id: roleOf(level), name: roleOf(level), built_in: true, permissions: [...DIRECTORY_GRANTS[level]] }));
    // At most MAX_CUSTOM_ROLES rows: the list is complete without pages.
    const custom = await db.select().from(directoryRoles).where(eq(directoryRoles.organizationId, organization.id)).orderBy(asc(directoryRoles.name));
    return [...builtIn, ...custom.map((r) => ({ id: r.id, name: r.name, built_in: false, permissions: serializeDirectoryRole(r, 0).permissions }))];
  },
});
