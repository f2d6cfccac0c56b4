"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { apiGet } from "@/lib/query/fetch";
import { queryKeys } from "@/lib/query/keys";
import type { ListPage } from "@/lib/query/types";
import { MAX_CUSTOM_ROLES, type DirectoryRole } from "@/lib/schemas/directory-roles";

/** Every custom role of the organization in one request: there are at most MAX_CUSTOM_ROLES. */
export function useDirectoryRoles(organizationId: string) {
  return useQuery({
    queryKey: queryKeys.directoryRoles(organizationId),
    queryFn: () => apiGet<ListPage<DirectoryRole>>(`/api/organizations/${organizationId}/directory_roles/`, { limit: MAX_CUSTOM_ROLES }),
  });
}

/** After any change to a role or who holds it: the roles, their counts and their holders. */
export function useRolesRefresh(organizationId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.directoryRoles(organizationId) });
}
