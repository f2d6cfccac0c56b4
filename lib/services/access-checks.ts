import { ADMIN, levelGrants, MACHINE_GRANTS, type OrganizationPermission } from "../auth/permissions";
import type { DirectoryPermission } from "../auth/directory-permissions";
import { projectLimit, type Principal } from "../auth/principal";
import { env } from "../env";
import { AppError, LEVEL_INSUFFICIENT, permissionDenied } from "../errors";
import { missingPermission } from "./directory/grants";
import type { OrganizationAccess } from "./organization-access";

type Requirement = {
  permission: OrganizationPermission;
  /** A directory API operation: its `org.directory.*` permission (checked by `requireDirectoryPermission`) replaces the level grants. */
  directory?: DirectoryPermission;
  sensitive?: boolean;
  levelDenial?: string;
  project?: true;
  /** Joining the organization: the operation's own join rule stands in for membership and role. */
  joining?: true;
};

/** A personal API key scoped to some projects reaches project endpoints only. */
export function checkKeyProjects(principal: Principal, projectEndpoint: boolean) {
  if (projectEndpoint || projectLimit(principal) === null) return;
  throw permissionDenied("API keys with scoped projects are only supported on project-based endpoints.");
}

/**
 * The organization steps of the pipeline for a user: the key's organization scoping and the organization's API-key
 * setting, membership (403 for an organization one does not belong to), two-factor enforcement, the role's grant,
 * then the re-authentication window for sensitive changes. For a machine caller: its binding and its grants.
 */
export function checkOrganizationAccess(principal: Principal, access: OrganizationAccess, op: Requirement, now: Date) {
  if (principal.kind === "scim" || principal.kind === "service_account") {
    if (op.directory && principal.kind === "service_account") return;
    if (!MACHINE_GRANTS[principal.kind].includes(op.permission)) throw permissionDenied();
    return;
  }
  if (principal.kind === "anonymous") throw new AppError("not_authenticated");
  const { organization, membership } = access;
  if (principal.kind === "api_key") {
    const scoped = principal.key.scopedOrganizations;
    if (scoped.length > 0 && !scoped.includes(organization.id)) {
      throw permissionDenied(`API key does not have access to the requested organization: ID ${organization.id}.`);
    }
    checkKeyProjects(principal, op.project === true);
    if (membership && !organization.membersCanUsePersonalApiKeys && membership.level < ADMIN) {
      throw permissionDenied(
        `Organization '${organization.name}' does not allow using personal API keys. Contact an admin to enable personal API keys for this organization.`,
      );
    }
  }
  if (op.joining) return;
  if (!membership) throw op.directory ? missingPermission(op.directory) : permissionDenied();
  if (principal.kind === "session" && organization.enforce2fa && !principal.session.mfa) {
    throw new AppError("two_factor_required");
  }
  if (!op.directory && !levelGrants(membership.level, op.permission)) throw permissionDenied(op.levelDenial ?? LEVEL_INSUFFICIENT);
  if (op.sensitive) checkRecentSignIn(principal, now);
}

/**
 * Sensitive changes from a cookie session need a recent sign-in (SESSION_SENSITIVE_ACTIONS_AGE); keys and the admin
 * CLI are not sessions and are not asked.
 */
export function checkRecentSignIn(principal: Principal, now: Date) {
  if (principal.kind !== "session") return;
  const ageSeconds = (now.getTime() - principal.session.signedInAt.getTime()) / 1000;
  if (ageSeconds > env().SESSION_SENSITIVE_ACTIONS_AGE) throw new AppError("sensitive_action_required_reauth");
}
