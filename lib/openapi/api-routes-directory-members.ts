/** The OpenAPI entries of the directory API's members, permissions and roles, and of custom roles under `/api`. */
import {
  CreateDirectoryRole,
  CreateDirectoryRoleAssignment,
  DirectoryApiRoleList,
  DirectoryPermissionGrantList,
  DirectoryRole,
  DirectoryRoleAssignment,
  DirectoryRoleAssignmentList,
  DirectorySubjectIdList,
  PaginatedDirectoryMemberList,
  PaginatedDirectoryRoleList,
  PatchedDirectoryRole,
} from "../schemas/directory-roles";
import { addDirectoryMember, listDirectoryMembers, removeDirectoryMember } from "../services/directory/members";
import { joinDirectoryOrganization, leaveDirectoryOrganization } from "../services/directory/members-join";
import { getDirectoryPermissions } from "../services/directory/permissions";
import {
  createCustomDirectoryRole,
  deleteCustomDirectoryRole,
  getCustomDirectoryRole,
  listCustomDirectoryRoles,
  listDirectoryApiRoles,
  updateCustomDirectoryRole,
} from "../services/directory/roles";
import { assignDirectoryRole, listDirectoryRoleAssignments, unassignDirectoryRole } from "../services/directory/roles-assignments";
import { api, type ApiRoute } from "./api-route";
import { z } from "zod";

const ORG = "/api/organizations/{organization_id}";
const DIR = "/directory/orgs/{organization_id}";
export const DIRECTORY_TAG = "Directory";
export const DIRECTORY_ROLES_TAG = "Directory roles";
const ADMINS = "Administrators and owners; nobody grants a directory permission their own role lacks (400 on `permissions`).";
const CALLERS = "A cookie session, a personal API key (scope `directory:read` or `directory:write`) or a service account's access token.";
const needs = (permission: string) => `Needs \`${permission}\`; without it 403 \`Missing permission '${permission}'.\`. ${CALLERS}`;
const NO_CONTENT = "Answers 200 with an empty body (\"No content\").";

/** The members list answers either form: the documented array of subject ids, or a page with `expand=true`. */
const MembersResponse = z.union([DirectorySubjectIdList, PaginatedDirectoryMemberList]);

export const DIRECTORY_MEMBER_ROUTES: ApiRoute[] = [
  api("get", `${DIR}/members`, listDirectoryMembers, MembersResponse, {
    operationId: "directory_members_retrieve", tag: DIRECTORY_TAG,
    summary: "List the organization's members",
    description: `${needs("org.directory.list")} Members with access (not suspended, active accounts), oldest first: the users' UUIDs, every one of them (an organization of more than 10,000 members answers 400 and is paged with \`expand=true\`); with \`expand=true\` a page of \`{subject_id, email, roles, source, joined_at}\`.`,
  }),
  api("put", `${DIR}/members`, joinDirectoryOrganization, null, {
    operationId: "directory_members_join", tag: DIRECTORY_TAG,
    summary: "Join the organization",
    description: `The calling person (session or personal API key with \`directory:write\`; never a service account) joins: by accepting their pending invitation (at its level), or as a member when their email address is verified and its domain is a verified domain of the organization with JIT provisioning on (and they did not leave or get removed). Otherwise 403 naming the conditions that failed. Already a member: no change. ${NO_CONTENT}`,
  }),
  api("delete", `${DIR}/members`, leaveDirectoryOrganization, null, {
    operationId: "directory_members_leave", tag: DIRECTORY_TAG,
    summary: "Leave the organization",
    description: `The calling person leaves (needs \`org.directory.list\`). Owners cannot leave (400); the only owner gets 400 \`last_owner\`. ${NO_CONTENT}`,
  }),
  api("put", `${DIR}/members/{subject_id}`, addDirectoryMember, null, {
    operationId: "directory_members_update", tag: DIRECTORY_TAG,
    summary: "Add a user as a member",
    description: `${needs("org.directory.members.create")} \`subject_id\` is an existing user's UUID (404 otherwise); they join as a member; one who already belongs is left as they are. ${NO_CONTENT}`,
  }),
  api("delete", `${DIR}/members/{subject_id}`, removeDirectoryMember, null, {
    operationId: "directory_members_destroy", tag: DIRECTORY_TAG,
    summary: "Remove a member",
    description: `${needs("org.directory.members.delete")} Someone else only by an administrator at or above their level (a service account acts as an administrator); removing oneself follows the leaving rule; an organization always keeps an owner. ${NO_CONTENT}`,
  }),
  api("get", `${DIR}/permissions`, getDirectoryPermissions, DirectoryPermissionGrantList, {
    operationId: "directory_permissions_retrieve", tag: DIRECTORY_TAG,
    summary: "The caller's directory permissions",
    description: `The caller's own permissions in the organization, each with its sources: built-in role, SCIM group, custom role, service-account grant. Members and the organization's service accounts only: anyone else 403. ${CALLERS}`,
  }),
  api("get", `${DIR}/roles`, listDirectoryApiRoles, DirectoryApiRoleList, {
    operationId: "directory_roles_retrieve", tag: DIRECTORY_TAG,
    summary: "The organization's roles",
    description: `${needs("org.roles.list")} The built-in roles (\`member\`, \`admin\`, \`owner\`), then the custom roles by name, each with its directory permissions.`,
  }),
  api("get", `${ORG}/directory_roles/`, listCustomDirectoryRoles, PaginatedDirectoryRoleList, {
    operationId: "directory_roles_custom_list", tag: DIRECTORY_ROLES_TAG,
    summary: "List custom directory roles", description: "Administrators and owners; by name.",
  }),
  api("post", `${ORG}/directory_roles/`, createCustomDirectoryRole, DirectoryRole, {
    operationId: "directory_roles_custom_create", tag: DIRECTORY_ROLES_TAG, status: 201, body: CreateDirectoryRole,
    summary: "Define a custom directory role", description: `${ADMINS} Names are unique in the organization (400 \`unique\`); at most 100 roles.`,
  }),
  api("get", `${ORG}/directory_roles/{id}/`, getCustomDirectoryRole, DirectoryRole, {
    operationId: "directory_roles_custom_retrieve", tag: DIRECTORY_ROLES_TAG, summary: "A custom directory role", description: "Administrators and owners.",
  }),
  api("patch", `${ORG}/directory_roles/{id}/`, updateCustomDirectoryRole, DirectoryRole, {
    operationId: "directory_roles_custom_partial_update", tag: DIRECTORY_ROLES_TAG, body: PatchedDirectoryRole,
    summary: "Rename or re-permission a custom directory role", description: `${ADMINS} Its holders gain or lose permissions at once.`,
  }),
  api("delete", `${ORG}/directory_roles/{id}/`, deleteCustomDirectoryRole, null, {
    operationId: "directory_roles_custom_destroy", tag: DIRECTORY_ROLES_TAG, status: 204,
    summary: "Delete a custom directory role", description: "Administrators and owners; what it granted is gone at once.",
  }),
  api("get", `${ORG}/directory_roles/{id}/assignments/`, listDirectoryRoleAssignments, DirectoryRoleAssignmentList, {
    operationId: "directory_roles_assignments_retrieve", tag: DIRECTORY_ROLES_TAG, summary: "Who holds a custom directory role", description: "Administrators and owners; oldest first.",
  }),
  api("post", `${ORG}/directory_roles/{id}/assignments/`, assignDirectoryRole, DirectoryRoleAssignment, {
    operationId: "directory_roles_assignments_create", tag: DIRECTORY_ROLES_TAG, status: 201, body: CreateDirectoryRoleAssignment,
    summary: "Give a custom directory role to a member or a service account",
    description: "Administrators and owners who hold every permission the role grants (400 on `permissions` otherwise). Exactly one of `membership_id` (a member object's `id`) and `service_account_id`, of this organization (400 `does_not_exist`); giving it twice is 400 `unique`.",
  }),
  api("delete", `${ORG}/directory_roles/{id}/assignments/{assignment_id}/`, unassignDirectoryRole, null, {
    operationId: "directory_roles_assignments_destroy", tag: DIRECTORY_ROLES_TAG, status: 204,
    summary: "Take a custom directory role away", description: "Administrators and owners; what it granted is gone at once.",
  }),
];
