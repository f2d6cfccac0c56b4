"use client";

import { useQuery } from "@tanstack/react-query";
import { apiGet } from "@/lib/query/fetch";
import { queryKeys } from "@/lib/query/keys";
import type { ListPage } from "@/lib/query/types";

/** What a picker needs of a project. */
export type ProjectChoice = { id: number; name: string };

/** Enough for any organization's picker: the projects list is capped far below this. */
const PICKER_LIMIT = 500;

/**
 * The projects the signed-in person reaches, for the environment pickers; `null` once the projects list cannot be read
 * (this server has no projects API, or the person may not list them), and the pickers become project-id fields.
 */
export function useProjects(organizationId: string): ProjectChoice[] | null | undefined {
  const query = useQuery({
    queryKey: [...queryKeys.projects(organizationId), { limit: PICKER_LIMIT }],
    queryFn: () => apiGet<ListPage<ProjectChoice>>(`/api/organizations/${organizationId}/projects/`, { limit: PICKER_LIMIT, offset: 0 }),
    retry: false,
  });
  if (query.isError) return null;
  return query.data?.results;
}
