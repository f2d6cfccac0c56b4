/**
 * The directory API's permission strings, as data: what each built-in role grants, and which of them a service
 * account may hold. Client-safe (no database), like the level tables beside it.
 */
import { ADMIN, MEMBER, OWNER, type Level } from "./permissions";

export const DIRECTORY_PERMISSIONS = [
  "org.directory.create",
  "org.directory.get",
  "org.directory.list",
  "org.directory.update",
  "org.directory.delete",
  "org.directory.members.create",
  "org.directory.members.delete",
  "org.roles.list",
] as const;

export type DirectoryPermission = (typeof DIRECTORY_PERMISSIONS)[number];

export function isDirectoryPermission(value: unknown): value is DirectoryPermission {
  return typeof value === "string" && (DIRECTORY_PERMISSIONS as readonly string[]).includes(value);
}

const MEMBER_DIRECTORY = ["org.directory.get", "org.directory.list", "org.roles.list"] as const satisfies readonly DirectoryPermission[];
const ADMIN_DIRECTORY = [
  ...MEMBER_DIRECTORY,
  "org.directory.update",
  "org.directory.members.create",
  "org.directory.members.delete",
] as const satisfies readonly DirectoryPermission[];

/** The directory permissions each built-in level grants: owners hold all of them, deletion and creation included. */
export const DIRECTORY_GRANTS: Record<Level, readonly DirectoryPermission[]> = {
  [MEMBER]: MEMBER_DIRECTORY,
  [ADMIN]: ADMIN_DIRECTORY,
  [OWNER]: DIRECTORY_PERMISSIONS,
};

/** Whether a membership of this level holds the directory permission. */
export function levelGrantsDirectory(level: Level | null | undefined, permission: DirectoryPermission): boolean {
  return level ? DIRECTORY_GRANTS[level].includes(permission) : false;
}

/**
 * Why a person of this level may not give a service account these permissions, or null: nobody hands a machine more
 * than they hold themselves (an administrator cannot make an account that deletes the organization). A null level is
 * the instance's operator (the admin CLI), who may grant any of them.
 */
export function serviceAccountGrantProblem(level: Level | null, permissions: readonly string[]): string | null {
  if (level === null) return null;
  const beyond = permissions.find((p) => isDirectoryPermission(p) && !levelGrantsDirectory(level, p));
  return beyond ? `You cannot grant '${beyond}': your own role does not hold it.` : null;
}
