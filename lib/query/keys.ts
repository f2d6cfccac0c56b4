/** React Query keys: one place, so a mutation invalidates exactly what it changed. */
export type ActivityFilters = { scope: string; user: string; after: string; offset: number };

export const queryKeys = {
  personalApiKeys: () => ["personal-api-keys"] as const,
  activityLog: (organizationId: string, filters?: ActivityFilters) =>
    filters ? (["organizations", organizationId, "activity-log", filters] as const) : (["organizations", organizationId, "activity-log"] as const),
};
