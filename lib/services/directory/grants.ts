import { and, asc, eq, isNotNull } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { directoryRoleAssignments, directoryRoles, organizationMemberships, scimGroupMembers, scimGroups, scimUsers, serviceAccounts } from "../../../db/schema";
import { DIRECTORY_GRANTS, DIRECTORY_PERMISSIONS, isDirectoryPermission, type DirectoryPermission } from "../../auth/directory-permissions";
import { OWNER, roleOf } from "../../auth/permissions";
import type { Principal } from "../../auth/principal";
import { permissionDenied } from "../../errors";
import type { OrganizationAccess } from "../organization-access";

/**
 * Where a caller's directory permission comes from: its built-in role, that role given by a SCIM group the identity
 * provider put the member in, a custom role, or a service account's own grant.
 */
export type GrantSource =
  | { kind: "role"; role: string }
  | { kind: "scim_group"; group_id: string; group: string; role: string }
  | { kind: "custom_role"; role_id: string; role: string }
  | { kind: "service_account"; service_account_id: string };

/** Who may call the directory API: people (session, personal API key, the admin CLI) and service accounts. */
export const DIRECTORY_CALLERS = ["session", "api_key", "cli", "service_account"] as const;

export type DirectoryGrants = Map<DirectoryPermission, GrantSource[]>;

type CustomRole = { id: string; name: string; permissions: string[] };

function add(grants: DirectoryGrants, permission: string, source: GrantSource) {
  if (!isDirectoryPermission(permission)) return;
  grants.set(permission, [...(grants.get(permission) ?? []), source]);
}

/** The custom roles assigned to one membership or one service account: one indexed query. */
async function customRolesOf(db: Executor, holder: { membershipId: string } | { serviceAccountId: string }): Promise<CustomRole[]> {
  const match = "membershipId" in holder
    ? eq(directoryRoleAssignments.membershipId, holder.membershipId)
    : eq(directoryRoleAssignments.serviceAccountId, holder.serviceAccountId);
  return db
    .select({ id: directoryRoles.id, name: directoryRoles.name, permissions: directoryRoles.permissions })
    .from(directoryRoleAssignments)
    .innerJoin(directoryRoles, eq(directoryRoles.id, directoryRoleAssignments.roleId))
    .where(match)
    .orderBy(asc(directoryRoles.name));
}

/**
 * What a service account holds: its own grant and the permissions of the custom roles assigned to it. Tokens are
 * issued for these, and a token's permissions are cut to them on every request, so taking a role away acts at once.
 */
export async function serviceAccountHoldings(db: Executor, account: { id: string; permissions: readonly string[] }) {
  const roles = await customRolesOf(db, { serviceAccountId: account.id });
  // Its own grant first, in its order (a token without `scope` lists them so), then what roles add.
  const permissions = new Set<string>(account.permissions.filter(isDirectoryPermission));
  for (const role of roles) for (const p of role.permissions) if (isDirectoryPermission(p)) permissions.add(p);
  return { permissions: [...permissions], roles };
}

/**
 * The SCIM groups a member's level comes from: for a SCIM-provisioned member who is not an owner, the groups (mapped by
 * an admin) whose mapped level is the member's level. Empty when the level was set another way.
 */
async function scimGroupsBehind(db: Executor, membershipId: string, level: number) {
  if (level === OWNER) return [];
  return db
    .select({ id: scimGroups.id, name: scimGroups.displayName })
    .from(organizationMemberships)
    .innerJoin(scimUsers, and(eq(scimUsers.userId, organizationMemberships.userId), eq(scimUsers.organizationId, organizationMemberships.organizationId)))
    .innerJoin(scimGroupMembers, eq(scimGroupMembers.scimUserId, scimUsers.id))
    .innerJoin(scimGroups, and(eq(scimGroups.id, scimGroupMembers.groupId), isNotNull(scimGroups.mappedLevel), eq(scimGroups.mappedLevel, level)))
    .where(and(eq(organizationMemberships.id, membershipId), eq(organizationMemberships.source, "scim")))
    .orderBy(asc(scimGroups.displayName));
}

async function serviceAccountGrants(db: Executor, caller: Extract<Principal, { kind: "service_account" }>["serviceAccount"]) {
  const grants: DirectoryGrants = new Map();
  const [account] = await db.select({ permissions: serviceAccounts.permissions }).from(serviceAccounts).where(eq(serviceAccounts.id, caller.id));
  const roles = await customRolesOf(db, { serviceAccountId: caller.id });
  // The token's permissions (already cut to what the account holds), each credited to what still grants it.
  for (const p of caller.permissions) {
    if (account?.permissions.includes(p)) add(grants, p, { kind: "service_account", service_account_id: caller.id });
    for (const role of roles) if (role.permissions.includes(p)) add(grants, p, { kind: "custom_role", role_id: role.id, role: role.name });
  }
  return grants;
}

/**
 * The directory permissions a caller holds in an organization, each with where it comes from: a member's built-in
 * role (or the SCIM groups that set it) and the custom roles assigned to the membership; a service account's token,
 * narrowed to what the account still holds (its grant and its custom roles). A non-member holds none. The admin CLI
 * (the operator) holds every one.
 */
export async function directoryGrants(db: Executor, principal: Principal, access: OrganizationAccess): Promise<DirectoryGrants> {
  if (principal.kind === "service_account") return serviceAccountGrants(db, principal.serviceAccount);
  const grants: DirectoryGrants = new Map();
  if (principal.kind === "cli" && !access.membership) {
    for (const p of DIRECTORY_GRANTS[OWNER]) add(grants, p, { kind: "role", role: "operator" });
    return grants;
  }
  const { membership } = access;
  if (!membership) return grants;
  const role = roleOf(membership.level);
  const groups = await scimGroupsBehind(db, membership.id, membership.level);
  for (const p of DIRECTORY_GRANTS[membership.level]) {
    if (groups.length === 0) add(grants, p, { kind: "role", role });
    for (const g of groups) add(grants, p, { kind: "scim_group", group_id: g.id, group: g.name, role });
  }
  for (const custom of await customRolesOf(db, { membershipId: membership.id })) {
    for (const p of custom.permissions) add(grants, p, { kind: "custom_role", role_id: custom.id, role: custom.name });
  }
  return grants;
}

/** The grants as the permissions endpoint lists them: in the documented order, each with its sources. */
export function listGrants(grants: DirectoryGrants) {
  return DIRECTORY_PERMISSIONS.filter((p) => grants.has(p)).map((permission) => ({ permission, sources: grants.get(permission)! }));
}

export const missingPermission = (permission: DirectoryPermission) => permissionDenied(`Missing permission '${permission}'.`);

/**
 * Whether the caller holds the permission without looking up where else it might come from: a service account's
 * token, the operator, a member's built-in role. Null when only the custom roles can tell.
 */
function heldWithoutLookup(principal: Principal, access: OrganizationAccess, permission: DirectoryPermission): boolean | null {
  if (principal.kind === "service_account") return principal.serviceAccount.permissions.includes(permission);
  if (principal.kind === "cli" && !access.membership) return true;
  if (!access.membership) return false;
  return DIRECTORY_GRANTS[access.membership.level].includes(permission) ? true : null;
}

/** Refuses a caller that does not hold the directory permission in the organization, naming the permission. */
export async function requireDirectoryPermission(db: Executor, principal: Principal, access: OrganizationAccess, permission: DirectoryPermission) {
  const quick = heldWithoutLookup(principal, access, permission);
  if (quick === true) return;
  if (quick === null && (await directoryGrants(db, principal, access)).has(permission)) return;
  throw missingPermission(permission);
}

/**
 * Outside any organization, every signed-in person may use the directory (as anyone may create an organization);
 * a service account only with the permission among its grants.
 */
export function requireUnboundDirectoryPermission(principal: Principal, permission: DirectoryPermission) {
  if (principal.kind !== "service_account") return;
  if (!principal.serviceAccount.permissions.includes(permission)) throw missingPermission(permission);
}
