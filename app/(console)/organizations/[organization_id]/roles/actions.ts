"use server";

import { action } from "@/lib/actions/action";
import { explainDirectoryPermissions } from "@/lib/services/directory/explain";
import { createCustomDirectoryRole, deleteCustomDirectoryRole, updateCustomDirectoryRole } from "@/lib/services/directory/roles";
import { assignDirectoryRole, unassignDirectoryRole } from "@/lib/services/directory/roles-assignments";

export const createDirectoryRoleAction = action(createCustomDirectoryRole);
export const updateDirectoryRoleAction = action(updateCustomDirectoryRole);
export const deleteDirectoryRoleAction = action(deleteCustomDirectoryRole);
export const assignDirectoryRoleAction = action(assignDirectoryRole);
export const unassignDirectoryRoleAction = action(unassignDirectoryRole);
/** A read with no REST endpoint: what a member or service account holds in the directory API, and why. */
export const explainDirectoryPermissionsAction = action(explainDirectoryPermissions);
