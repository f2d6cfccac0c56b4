import type { DirectoryPermission } from "@/lib/auth/directory-permissions";

/** What each directory permission lets its holder do, in the console's words. */
export const DIRECTORY_PERMISSION_LABELS: Record<DirectoryPermission, string> = {
  "org.directory.create": "Create organizations",
  "org.directory.get": "Read the organization",
  "org.directory.list": "List the members",
  "org.directory.update": "Change the organization",
  "org.directory.delete": "Delete the organization",
  "org.directory.members.create": "Add members",
  "org.directory.members.delete": "Remove members",
  "org.roles.list": "List the roles",
};
