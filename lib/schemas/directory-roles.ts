/**
 * The directory API's members, permissions and roles, and the custom roles admins define over `/api`: inputs and the
 * shapes answered. Client-safe.
 */
import { z } from "zod";
import { DIRECTORY_PERMISSIONS } from "../auth/directory-permissions";
import { paginated, paginationQuery, timestamp, uuidString, withoutNul } from "./common";
import { directoryPermissionList } from "./service-accounts";

/** An organization holds at most this many custom roles, so every list of its roles is bounded. */
export const MAX_CUSTOM_ROLES = 100;

const roleName = withoutNul(z.string().trim().min(1).max(100));
const permissions = directoryPermissionList.meta({
  description: `Directory permissions the role grants: ${DIRECTORY_PERMISSIONS.map((p) => `\`${p}\``).join(", ")}.`,
});

export const createDirectoryRoleInput = z.object({ name: roleName, permissions: permissions.default([]) });
export const updateDirectoryRoleInput = z.object({ name: roleName.optional(), permissions: permissions.optional() });
export const directoryRoleIdInput = z.object({ id: z.string() });
export const updateDirectoryRoleByIdInput = updateDirectoryRoleInput.extend({ id: z.string() });
export const listDirectoryRolesInput = paginationQuery;

/** Who gets the role: exactly one of a membership (the `id` of a member object) and a service account. */
export const assignDirectoryRoleInput = z
  .object({
    id: z.string(),
    membership_id: uuidString.optional().meta({ description: "The membership (`id` of an organization member) to give the role." }),
    service_account_id: uuidString.optional().meta({ description: "The service account to give the role." }),
  })
  .refine((v) => (v.membership_id === undefined) !== (v.service_account_id === undefined), {
    message: "Send exactly one of membership_id and service_account_id.",
    path: ["membership_id"],
  });
export const directoryRoleAssignmentIdInput = z.object({ id: z.string(), assignment_id: z.string() });

/** Request bodies, for the OpenAPI document. */
export const CreateDirectoryRole = createDirectoryRoleInput.meta({ id: "CreateDirectoryRole" });
export const PatchedDirectoryRole = updateDirectoryRoleInput.meta({ id: "PatchedDirectoryRole" });
export const CreateDirectoryRoleAssignment = z
  .object({ membership_id: uuidString.optional(), service_account_id: uuidString.optional() })
  .meta({ id: "CreateDirectoryRoleAssignment", description: "Exactly one of `membership_id` and `service_account_id`." });

const permissionList = z.array(z.enum(DIRECTORY_PERMISSIONS));

/** A custom role: a name and a set of directory permissions; `/api` levels are not affected by it. */
export const DirectoryRole = z
  .strictObject({
    id: z.uuid(),
    name: z.string(),
    permissions: permissionList,
    assignment_count: z.int().min(0).meta({ description: "How many members and service accounts hold it." }),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: "DirectoryRole" });
export type DirectoryRole = z.infer<typeof DirectoryRole>;
export const PaginatedDirectoryRoleList = paginated(DirectoryRole, "DirectoryRole");

/** Who holds a custom role: a member (with their user) or a service account. */
export const DirectoryRoleAssignment = z
  .strictObject({
    id: z.uuid(),
    membership_id: z.uuid().nullable(),
    user: z.strictObject({ uuid: z.uuid(), email: z.string() }).nullable(),
    service_account_id: z.uuid().nullable(),
    service_account_name: z.string().nullable(),
    created_at: timestamp,
  })
  .meta({ id: "DirectoryRoleAssignment" });
export type DirectoryRoleAssignment = z.infer<typeof DirectoryRoleAssignment>;
export const DirectoryRoleAssignmentList = z.array(DirectoryRoleAssignment).meta({ id: "DirectoryRoleAssignmentList" });

/** A role of the directory API's roles endpoint: the three built-in ones (id = name) and the custom ones. */
export const DirectoryApiRole = z
  .strictObject({
    id: z.string().meta({ description: "`member`, `admin` or `owner` for a built-in role; the custom role's UUID otherwise." }),
    name: z.string(),
    built_in: z.boolean(),
    permissions: permissionList,
  })
  .meta({ id: "DirectoryApiRole" });
export const DirectoryApiRoleList = z.array(DirectoryApiRole).meta({ id: "DirectoryApiRoleList" });

/** Where a permission comes from. */
export const DirectoryGrantSource = z
  .union([
    z.strictObject({ kind: z.literal("role"), role: z.string() }),
    z.strictObject({ kind: z.literal("scim_group"), group_id: z.uuid(), group: z.string(), role: z.string() }),
    z.strictObject({ kind: z.literal("custom_role"), role_id: z.uuid(), role: z.string() }),
    z.strictObject({ kind: z.literal("service_account"), service_account_id: z.uuid() }),
  ])
  .meta({ id: "DirectoryGrantSource" });
export const DirectoryPermissionGrant = z
  .strictObject({ permission: z.enum(DIRECTORY_PERMISSIONS), sources: z.array(DirectoryGrantSource) })
  .meta({ id: "DirectoryPermissionGrant" });
export const DirectoryPermissionGrantList = z.array(DirectoryPermissionGrant).meta({ id: "DirectoryPermissionGrantList" });

/** The members list: subject ids, or with `expand=true` a page of member objects. */
export const listDirectoryMembersInput = paginationQuery.extend({
  expand: z.enum(["true", "false"]).optional().meta({ description: "`true`: a page of member objects instead of the subject ids." }),
});

/** How a membership came to be, as the membership table records it. */
const MEMBERSHIP_SOURCES = ["created", "invite", "cli", "jit", "scim", "directory"] as const;

export const DirectoryMember = z
  .strictObject({
    subject_id: z.uuid().meta({ description: "The user's UUID." }),
    email: z.string(),
    roles: z.array(z.string()).meta({ description: "The built-in role (`member`, `admin`, `owner`), then the custom roles' names." }),
    source: z.enum(MEMBERSHIP_SOURCES).meta({ description: "How the membership came to be." }),
    joined_at: timestamp,
  })
  .meta({ id: "DirectoryMember" });
export type DirectoryMember = z.infer<typeof DirectoryMember>;
export const PaginatedDirectoryMemberList = paginated(DirectoryMember, "DirectoryMember");
export const DirectorySubjectIdList = z.array(z.uuid()).meta({ id: "DirectorySubjectIdList" });

export const directorySubjectInput = z.object({ subject_id: z.string() });
