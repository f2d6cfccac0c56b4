/**
 * Who reaches a project and what they may change in it. Pure and client-safe: the project operations enforce these
 * rules and the console calls the same functions to enable its controls.
 */
import { ADMIN, MEMBER, type Level } from "./permissions";
import type { Denial } from "./rules";

/** A level inside one private project: 1 member, 8 admin. */
export type ProjectLevel = typeof MEMBER | typeof ADMIN;

/** The wire names of project levels, as invitations' `private_project_access` writes them. */
export type ProjectLevelName = "member" | "admin";

export const PROJECT_LEVEL_NAMES: Record<ProjectLevel, ProjectLevelName> = { [MEMBER]: "member", [ADMIN]: "admin" };
export const PROJECT_LEVEL_BY_NAME: Record<ProjectLevelName, ProjectLevel> = { member: MEMBER, admin: ADMIN };

/** What the caller may do in a project, as `user_access_level` says it. */
export type UserAccessLevel = "none" | "member" | "admin";

/** The fields only a project admin may change (the secret-token action included). */
export const PROJECT_ADMIN_FIELDS = ["name", "access_control", "secret_api_token_action"] as const;

export const PROJECT_ADMIN_REQUIRED = "You don't have sufficient permissions in the project.";
export const CREATE_PROJECT_DENIED = "You need to be an organization admin or above to create new projects.";

const deny = (message: string, hint: string): Denial => ({ code: "permission_denied", message, hint });

/**
 * The caller's level in a project: organization admins and owners keep their organization level everywhere; in a
 * private project everyone else has their project level, or none without access; in a public one, their organization
 * level. Null: the project is out of reach.
 */
export function effectiveProjectLevel(organizationLevel: Level | null, accessControl: boolean, projectLevel: ProjectLevel | null): Level | null {
  if (organizationLevel === null) return null;
  if (organizationLevel >= ADMIN) return organizationLevel;
  if (!accessControl) return organizationLevel;
  return projectLevel;
}

/** `user_access_level` of an effective level: none, member, or admin (a project admin or more). */
export function userAccessLevel(effective: Level | null): UserAccessLevel {
  if (effective === null) return "none";
  return effective >= ADMIN ? "admin" : "member";
}

/** Creating a project: organization admins, or members where the organization allows them. */
export function createProjectDenial(organizationLevel: Level, membersCanCreateProjects: boolean): Denial | null {
  if (organizationLevel < ADMIN && !membersCanCreateProjects) return deny(CREATE_PROJECT_DENIED, "Only admins create projects here.");
  return null;
}

/** A change of a project's settings: its name, access control and secret token need a project admin; the rest a member. */
export function projectChangeDenial(effective: Level | null, fields: readonly string[]): Denial | null {
  if (effective === null) return deny(PROJECT_ADMIN_REQUIRED, "No access to this project.");
  const gated = fields.some((f) => (PROJECT_ADMIN_FIELDS as readonly string[]).includes(f));
  if (gated && effective < ADMIN) return deny(PROJECT_ADMIN_REQUIRED, "Only project admins change this.");
  return null;
}

/** Deleting a project, or granting and removing access to it: a project admin or more. */
export function projectAdminDenial(effective: Level | null): Denial | null {
  if (effective === null || effective < ADMIN) return deny(PROJECT_ADMIN_REQUIRED, "Only project admins do this.");
  return null;
}

/** Changing someone's access to a private project: a project admin, never for themselves (leaving is open to all). */
export function projectAccessChangeDenial(requester: Level | null, self: boolean): Denial | null {
  const admin = projectAdminDenial(requester);
  if (admin) return admin;
  if (self) return deny("You can't change your own access level in this project.", "You can't change your own level.");
  return null;
}

/** Removing someone's access: a project admin, or the person themselves leaving. */
export function projectAccessRemovalDenial(requester: Level | null, self: boolean): Denial | null {
  if (self) return null;
  return projectAdminDenial(requester);
}
