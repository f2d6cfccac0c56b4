"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ErrorBody } from "@/lib/errors";
import { apiGet } from "@/lib/query/fetch";
import { queryKeys } from "@/lib/query/keys";
import type { Project } from "@/lib/query/types";
import { ANALYTICS_CONFIGS, MERGED_SETTINGS } from "@/lib/schemas/projects";
import { updateProjectAction } from "../actions";

/** A refused server action, with the API's error body (its `attr` names the field). */
export class ActionFailure extends Error {
  constructor(readonly body: ErrorBody) {
    super(body.detail);
    this.name = "ActionFailure";
  }
}

export type ProjectPatch = Record<string, unknown> & { secret_api_token_action?: "rotate" };

/** The project from the REST API, starting from what the server page rendered. */
export function useProject(organizationId: string, initial: Project) {
  return useQuery({
    queryKey: queryKeys.project(organizationId, initial.id),
    queryFn: () => apiGet<Project>(`/api/organizations/${organizationId}/projects/${initial.id}/`),
    initialData: initial,
  });
}

const MERGED = new Set<string>([...MERGED_SETTINGS, ...ANALYTICS_CONFIGS]);
const isDict = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The project as it will be once the change is saved: the dictionary settings merge, as the API merges them. */
function optimistic(project: Project, patch: ProjectPatch): Project {
  const next: Record<string, unknown> = { ...project };
  for (const [name, value] of Object.entries(patch)) {
    if (name === "secret_api_token_action") continue;
    const before = next[name];
    next[name] = MERGED.has(name) && isDict(value) && isDict(before) ? { ...before, ...value } : value;
  }
  return next as Project;
}

/**
 * A PATCH of some of the project's settings through the server action over `updateProject`. The cached project shows
 * the change at once; a refusal puts it back, and either way the project and the list are fetched again.
 */
export function useProjectUpdate(organizationId: string, projectId: number) {
  const queryClient = useQueryClient();
  const key = queryKeys.project(organizationId, projectId);
  return useMutation<Project, ActionFailure, ProjectPatch, { previous: Project | undefined }>({
    mutationFn: async (patch) => {
      const result = await updateProjectAction(organizationId, { ...patch, id: String(projectId) } as Parameters<typeof updateProjectAction>[1]);
      if (!result.ok) throw new ActionFailure(result.error);
      return result.data;
    },
    onMutate: async (patch) => {
      await queryClient.cancelQueries({ queryKey: key, exact: true });
      const previous = queryClient.getQueryData<Project>(key);
      if (previous) queryClient.setQueryData(key, optimistic(previous, patch));
      return { previous };
    },
    onError: (_error, _patch, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    // The secret token is the caller's to show once; the cache keeps the project as every later read answers it.
    onSuccess: (project) => queryClient.setQueryData(key, { ...project, secret_api_token: null }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.projects(organizationId) }),
  });
}
