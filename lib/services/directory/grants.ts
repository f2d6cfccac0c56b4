import { eq } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { directoryRoleAssignments, directoryRoles } from "../../../db/schema";
import { DIRECTORY_GRANTS, isDirectoryPermission, type DirectoryPermission } from "../../auth/directory-permissions";
import { roleOf } from "../../auth/permissions";
import type { Principal } from "../../auth/principal";
import { permissionDenied } from "../../errors";
import type { OrganizationAccess } from "../organization-access";

/** Where a caller's directory permission comes from: its built-in role, a custom role, or a service account's grant. */
export type GrantSource =
  | { kind: "role"; role: string }
  | { kind: "custom_role"; role_id: string; role: string }
  | { kind: "service_account"; service_account_id: string };

export type DirectoryGrants = Map<DirectoryPermission, GrantSource[]>;

function add(grants: DirectoryGrants, permission: string, source: GrantSource) {
  if (!isDirectoryPermission(permission)) return;
  grants.set(permission, [...(grants.get(permission) ?? []), source]);
}

/** The custom roles assigned to one membership: one indexed query. */
async function customRolesOf(db: Executor, membershipId: string) {
  return db
    .select({ id: directoryRoles.id, name: directoryRoles.name, permissions: directoryRoles.permissions })
    .from(directoryRoleAssignments)
    .innerJoin(directoryRoles, eq(directoryRoles.id, directoryRoleAssignments.roleId))
    .where(eq(directoryRoleAssignments.membershipId, membershipId));
}

/**
 * The directory permissions a caller holds in an organization, each with where it comes from: a member's built-in
 * role and the custom roles assigned to the membership; a service account's token, narrowed to what the account
 * still holds. A non-member holds none. The admin CLI (the operator) holds every one.
 */
export async function directoryGrants(db: Executor, principal: Principal, access: OrganizationAccess): Promise<DirectoryGrants> {
  const grants: DirectoryGrants = new Map();
  if (principal.kind === "service_account") {
    for (const p of principal.serviceAccount.permissions) add(grants, p, { kind: "service_account", service_account_id: principal.serviceAccount.id });
    return grants;
  }
  if (principal.kind === "cli" && !access.membership) {
    for (const p of DIRECTORY_GRANTS[15]) add(grants, p, { kind: "role", role: "operator" });
    return grants;
  }
  const { membership } = access;
  if (!membership) return grants;
  for (const p of DIRECTORY_GRANTS[membership.level]) add(grants, p, { kind: "role", role: roleOf(membership.level) });
  for (const role of await customRolesOf(db, membership.id)) {
    for (const p of role.permissions) add(grants, p, { kind: "custom_role", role_id: role.id, role: role.name });
  }
  return grants;
}

export const missingPermission = (permission: DirectoryPermission) => permissionDenied(`Missing permission '${permission}'.`);

/** Refuses a caller that does not hold the directory permission in the organization, naming the permission. */
export async function requireDirectoryPermission(db: Executor, principal: Principal, access: OrganizationAccess, permission: DirectoryPermission) {
  const grants = await directoryGrants(db, principal, access);
  if (!grants.has(permission)) throw missingPermission(permission);
}

/**
 * Outside any organization, every signed-in person may use the directory (as anyone may create an organization);
 * a service account only with the permission among its grants.
 */
export function requireUnboundDirectoryPermission(principal: Principal, permission: DirectoryPermission) {
  if (principal.kind !== "service_account") return;
  if (!principal.serviceAccount.permissions.includes(permission)) throw missingPermission(permission);
}
