/**
 * Who may do what, as plain tables: membership levels, the built-in roles and what each grants, one permission per
 * capability and the personal-API-key scope each needs. Client-safe (no database): the console imports these tables
 * and the rule functions in `rules.ts` to enable exactly the controls the operations will allow.
 */
import type { Scope } from "./scopes";

/** Membership levels, as the API writes them: 1 member, 8 administrator, 15 owner. */
export const MEMBER = 1;
export const ADMIN = 8;
export const OWNER = 15;

export type Level = typeof MEMBER | typeof ADMIN | typeof OWNER;

/** Every level, lowest first. */
export const LEVELS: readonly Level[] = [MEMBER, ADMIN, OWNER];

/** The API's label of each level. */
export const LEVEL_LABELS: Record<Level, string> = {
  [MEMBER]: "member",
  [ADMIN]: "administrator",
  [OWNER]: "owner",
};

/** The console's name of each level. */
export const LEVEL_NAMES: Record<Level, string> = { [MEMBER]: "Member", [ADMIN]: "Administrator", [OWNER]: "Owner" };

export function isLevel(value: unknown): value is Level {
  return value === MEMBER || value === ADMIN || value === OWNER;
}

/**
 * One permission per capability, with the API-key scope it needs (null: personal API keys are refused, as for an
 * action that declares no scope) and whether it acts inside one organization (granted by a role) or for the caller
 * alone (any signed-in user).
 */
export const PERMISSIONS = {
  // Inside an organization: a role must grant it.
  "organization:read": { scope: "organization:read", organization: true },
  "organization:write": { scope: "organization:write", organization: true },
  "organization:delete": { scope: "organization:write", organization: true },
  "organization_member:read": { scope: "organization_member:read", organization: true },
  /** Level changes and removals; who may change whom is `canChangeLevel` / `canRemoveMember`. */
  "organization_member:write": { scope: "organization_member:write", organization: true },
  "organization_member:api_keys": { scope: null, organization: true },
  /** Creating and resending invitations; `canInvite` decides whether members may. */
  "organization_invite:create": { scope: "organization_member:write", organization: true },
  "organization_invite:delete": { scope: "organization_member:write", organization: true },
  "organization_invite:link": { scope: null, organization: true },
  "activity_log:read": { scope: "activity_log:read", organization: true },
  "organization_domain:read": { scope: "organization:read", organization: true },
  "organization_domain:write": { scope: "organization:write", organization: true },
  /** Verifying a domain, SCIM tokens and SCIM request logs: from a person only, never with a personal API key. */
  "organization_domain:admin": { scope: null, organization: true },
  "outbox:read": { scope: null, organization: true },
  "oauth_application:read": { scope: "organization:read", organization: true },
  "oauth_application:write": { scope: "organization:write", organization: true },
  /** Projects: which project a caller reaches, and what they may change in it, are the operations' own rules. */
  "project:read": { scope: "project:read", organization: true },
  "project:write": { scope: "project:write", organization: true },
  "organization_integration:read": { scope: "organization_integration:read", organization: true },
  "organization_integration:write": { scope: "organization_integration:write", organization: true },
  /** A webhook's delivery log, which holds activity entries: administrators only, with a key that may read integrations. */
  "organization_integration:deliveries": { scope: "organization_integration:read", organization: true },
  /** Environment mapping and test events: from a person only, never with a personal API key. */
  "organization_integration:admin": { scope: null, organization: true },
  /** Legal documents (a DPA, a BAA): administrators only, reads included. */
  "legal_document:read": { scope: "legal_document:read", organization: true },
  "legal_document:write": { scope: "legal_document:write", organization: true },
  /** Downloading a signed document: from a person only, never with a personal API key. */
  "legal_document:download": { scope: null, organization: true },
  "batch_export:read": { scope: "batch_export:read", organization: true },
  "batch_export:write": { scope: "batch_export:write", organization: true },
  /** Run logs: from a person only, never with a personal API key. */
  "batch_export:logs": { scope: null, organization: true },
  /** Destination connection tests: the literal INTERNAL scope, which `*` does not hold; sessions pass. */
  "batch_export:test": { scope: "INTERNAL", organization: true },
  /** The description of a destination's test steps: the literal INTERNAL scope too, but any member. */
  "batch_export:test_steps": { scope: "INTERNAL", organization: true },
  /** Service accounts are organization settings, like OAuth applications: a key that may change the organization may manage them. */
  "service_account:read": { scope: "organization:read", organization: true },
  "service_account:write": { scope: "organization:write", organization: true },
  /**
   * The directory API inside an organization: reading (`directory:read`) or changing (`directory:write`) it. Which
   * caller may is decided by the operation's directory permission (`org.directory.*`), not by these level grants.
   */
  "directory:read": { scope: "directory:read", organization: true },
  "directory:write": { scope: "directory:write", organization: true },
  /** Reading one's own directory permissions and where they come from: every member, every service account of it. */
  "directory:permissions": { scope: "directory:read", organization: true },
  /** The organization's custom directory roles and who holds them: settings, like service accounts. */
  "directory_role:read": { scope: "organization:read", organization: true },
  "directory_role:write": { scope: "organization:write", organization: true },
  // For the caller alone.
  "organization:list": { scope: "organization:read", organization: false },
  "organization:create": { scope: "organization:write", organization: false },
  "personal_api_key:read": { scope: "personal_api_key:read", organization: false },
  "personal_api_key:write": { scope: "personal_api_key:write", organization: false },
  "user:read": { scope: "user:read", organization: false },
  "user:write": { scope: "user:write", organization: false },
  "invitation:accept": { scope: null, organization: false },
  /** The directory API outside any organization: finding organizations to join, names that are free, creating one. */
  "directory:discover": { scope: "directory:read", organization: false },
  "directory:create": { scope: "directory:write", organization: false },
} as const satisfies Record<string, { scope: Scope | null; organization: boolean }>;

export type Permission = keyof typeof PERMISSIONS;
export type OrganizationPermission = { [P in Permission]: (typeof PERMISSIONS)[P]["organization"] extends true ? P : never }[Permission];

/** The API-key scope a permission needs; null when personal API keys may not use it. */
export function scopeFor(permission: Permission): Scope | null {
  return PERMISSIONS[permission].scope;
}

export function isOrganizationPermission(permission: Permission): permission is OrganizationPermission {
  return PERMISSIONS[permission].organization;
}

const MEMBER_GRANTS = [
  "organization:read",
  "organization_member:read",
  "organization_member:write",
  "organization_member:api_keys",
  "organization_invite:create",
  "organization_invite:link",
  "organization_domain:read",
  "oauth_application:read",
  "project:read",
  "project:write",
  "organization_integration:read",
  "batch_export:read",
  "batch_export:logs",
  "batch_export:test_steps",
  "directory:permissions",
] as const satisfies readonly OrganizationPermission[];
const ADMIN_GRANTS = [
  ...MEMBER_GRANTS,
  "organization:write",
  "organization_invite:delete",
  "organization_domain:write",
  "organization_domain:admin",
  "activity_log:read",
  "outbox:read",
  "oauth_application:write",
  "organization_integration:write",
  "organization_integration:deliveries",
  "organization_integration:admin",
  "legal_document:read",
  "legal_document:write",
  "legal_document:download",
  "batch_export:write",
  "batch_export:test",
  "service_account:read",
  "service_account:write",
  "directory_role:read",
  "directory_role:write",
] as const satisfies readonly OrganizationPermission[];
const OWNER_GRANTS = [...ADMIN_GRANTS, "organization:delete"] as const satisfies readonly OrganizationPermission[];

export type RoleName = "member" | "admin" | "owner";

/** The built-in roles: the level each stands for and the permissions it grants inside its organization. */
export const ROLES: Record<RoleName, { level: Level; grants: readonly OrganizationPermission[] }> = {
  member: { level: MEMBER, grants: MEMBER_GRANTS },
  admin: { level: ADMIN, grants: ADMIN_GRANTS },
  owner: { level: OWNER, grants: OWNER_GRANTS },
};

const ROLE_BY_LEVEL: Record<Level, RoleName> = { [MEMBER]: "member", [ADMIN]: "admin", [OWNER]: "owner" };

export function roleOf(level: Level): RoleName {
  return ROLE_BY_LEVEL[level];
}

/** Whether a membership of this level holds the permission (null level: no membership, nothing granted). */
export function levelGrants(level: Level | null | undefined, permission: OrganizationPermission): boolean {
  if (!level) return false;
  return ROLES[roleOf(level)].grants.includes(permission);
}

/**
 * What callers that are not users may do in the one organization they are bound to (a SCIM token provisions its
 * organization's members). A service account holds directory permissions only, none of `/api`'s; it may read its own.
 */
export const MACHINE_GRANTS: Record<"scim" | "service_account", readonly OrganizationPermission[]> = {
  scim: ["organization_member:read", "organization_member:write"],
  service_account: ["directory:permissions"],
};
