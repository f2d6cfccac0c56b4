/** React Query keys: one place, so a mutation invalidates exactly what it changed. */

export const queryKeys = {
  personalApiKeys: () => ["personal-api-keys"] as const,
  /** The paged list appends its page and filters (components/data/use-paged-list.ts). */
  activityLog: (organizationId: string) => ["organizations", organizationId, "activity-log"] as const,
  /** The paged list appends its page and filters (components/data/use-paged-list.ts). */
  members: (organizationId: string) => ["organizations", organizationId, "members"] as const,
  /** Under `members`, so whatever refreshes the member list refreshes a member's details too. */
  memberScopedApiKeys: (organizationId: string, userUuid: string) => ["organizations", organizationId, "members", userUuid, "scoped-api-keys"] as const,
  memberGithubLogin: (organizationId: string, userUuid: string) => ["organizations", organizationId, "members", userUuid, "github-login"] as const,
  memberOrigin: (organizationId: string, userUuid: string) => ["organizations", organizationId, "members", userUuid, "origin"] as const,
  invites: (organizationId: string) => ["organizations", organizationId, "invites"] as const,
  /** The paged list appends its page and filters (components/data/use-paged-list.ts). */
  outbox: (organizationId: string) => ["organizations", organizationId, "outbox"] as const,
  /** The paged list appends its page and filters (components/data/use-paged-list.ts). */
  domains: (organizationId: string) => ["organizations", organizationId, "domains"] as const,
  /** The paged list appends its page and filters (components/data/use-paged-list.ts). */
  identityProviderConfigs: (organizationId: string) => ["organizations", organizationId, "identity-provider-configs"] as const,
  /** The paged list appends its page and filters (components/data/use-paged-list.ts). */
  oauthApplications: (organizationId: string) => ["organizations", organizationId, "oauth-applications"] as const,
  /** What SCIM provisioned for one domain or identity-provider config (its people, groups and request log below it). */
  scim: (organizationId: string, targetId: string) => ["organizations", organizationId, "scim", targetId] as const,
  /** The paged list appends its page and filters (components/data/use-paged-list.ts). */
  scimPeople: (organizationId: string, targetId: string) => ["organizations", organizationId, "scim", targetId, "people"] as const,
  scimGroups: (organizationId: string, targetId: string) => ["organizations", organizationId, "scim", targetId, "groups"] as const,
  /** The paged list appends its page and filters (components/data/use-paged-list.ts). */
  scimLogs: (organizationId: string, targetId: string) => ["organizations", organizationId, "scim", targetId, "logs"] as const,
  /** The paged list appends its page and filters (components/data/use-paged-list.ts). */
  projects: (organizationId: string) => ["organizations", organizationId, "projects"] as const,
  /** Under `projects`, so whatever refreshes the list refreshes an open project too. */
  project: (organizationId: string, projectId: number) => ["organizations", organizationId, "projects", projectId] as const,
  projectMembers: (organizationId: string, projectId: number) => ["organizations", organizationId, "projects", projectId, "members"] as const,
  /** The paged list appends its page and filters; each signed document's PDF check sits under it too. */
  legalDocuments: (organizationId: string) => ["organizations", organizationId, "legal-documents"] as const,
  integrations: (organizationId: string) => ["organizations", organizationId, "integrations"] as const,
  /** Under `integrations`, so whatever refreshes the integrations refreshes their delivery logs too. */
  webhookDeliveries: (organizationId: string, integrationId: string) => ["organizations", organizationId, "integrations", integrationId, "deliveries"] as const,
  /** The paged list appends its page and filters (components/data/use-paged-list.ts). */
  batchExports: (organizationId: string) => ["organizations", organizationId, "batch-exports"] as const,
  /** Under `batchExports`, so whatever refreshes the list refreshes an export's runs and logs too. */
  batchExportRuns: (organizationId: string, exportId: string) => ["organizations", organizationId, "batch-exports", exportId, "runs"] as const,
  batchExportBackfills: (organizationId: string, exportId: string) => ["organizations", organizationId, "batch-exports", exportId, "backfills"] as const,
  batchExportLogs: (organizationId: string, exportId: string) => ["organizations", organizationId, "batch-exports", exportId, "logs"] as const,
  /** The paged list appends its page and filters (components/data/use-paged-list.ts). */
  serviceAccounts: (organizationId: string) => ["organizations", organizationId, "service-accounts"] as const,
  /** Every custom directory role at once (an organization holds at most 100). */
  directoryRoles: (organizationId: string) => ["organizations", organizationId, "directory-roles"] as const,
  /** Under `directoryRoles`, so whatever refreshes the roles refreshes who holds them too. */
  directoryRoleAssignments: (organizationId: string, roleId: string) => ["organizations", organizationId, "directory-roles", roleId, "assignments"] as const,
  /** The paged list appends its page and sector. */
  pairwiseSubjects: (organizationId: string) => ["organizations", organizationId, "pairwise-subjects"] as const,
  directorySectors: (organizationId: string) => ["organizations", organizationId, "directory-sectors"] as const,
};
