import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { directoryRoleAssignments, directoryRoles } from "../../../db/schema";
import { serviceAccountGrantProblem, type DirectoryPermission } from "../../auth/directory-permissions";
import type { Level } from "../../auth/permissions";
import { AppError, invalidInput, notFound } from "../../errors";
import { isUuid } from "../../schemas/common";
import type { DirectoryRole } from "../../schemas/directory-roles";
import { isUniqueViolation } from "../db-errors";
import { iso } from "../serialize";

export type DirectoryRoleRow = typeof directoryRoles.$inferSelect;

/** The activity-log scope of custom roles and their assignments. */
export const DIRECTORY_ROLE_SCOPE = "DirectoryRole";

export function serializeDirectoryRole(row: DirectoryRoleRow, assignmentCount: number): DirectoryRole {
  return {
    id: row.id,
    name: row.name,
    permissions: row.permissions as DirectoryPermission[],
    assignment_count: assignmentCount,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}

/** What the activity log records and compares: the role's settings. */
export const auditedDirectoryRole = (row: DirectoryRoleRow) => ({ id: row.id, name: row.name, permissions: row.permissions });

/** How many members and service accounts hold the role, as a column of a query on roles. */
export const assignmentCount = sql<number>`(select count(*)::int from ${directoryRoleAssignments} where ${directoryRoleAssignments.roleId} = ${directoryRoles.id})`;

/** The organization's custom role with this id (locked for update inside a transaction when asked); 404 otherwise. */
export async function directoryRoleOf(db: Executor, organizationId: string, id: string, { lock = false } = {}) {
  if (!isUuid(id)) throw notFound();
  const query = db
    .select()
    .from(directoryRoles)
    .where(and(eq(directoryRoles.id, id.toLowerCase()), eq(directoryRoles.organizationId, organizationId)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFound();
  return row;
}

/**
 * Refuses permissions the person does not hold through their built-in role: nobody makes, widens or hands out a role
 * that does more than they may (null level: the instance's operator).
 */
export function checkRoleGrant(level: Level | null, permissions: readonly string[]) {
  const problem = serviceAccountGrantProblem(level, permissions);
  if (problem) throw invalidInput(problem, "permissions");
}

/** A role name is unique in its organization: a clash is 400 `unique` on `name`. */
export function uniqueRoleName(err: unknown): never {
  if (isUniqueViolation(err)) throw new AppError("unique", { detail: "A role with this name already exists in this organization.", attr: "name" });
  throw err;
}
