import { z } from "zod";
import { isoDateTime, paginated, paginationQuery, text, timestamp, uuidString } from "./common";
import { UserBasic } from "./users";

export const listActivityLogInput = paginationQuery.extend({
  scope: text(64).optional(),
  activity: text(64).optional(),
  item_id: text(64).optional(),
  user: uuidString.optional(),
  after: isoDateTime.optional(),
  before: isoDateTime.optional(),
});

/**
 * The object types (`scope`) of an organization's activity entries, one word per table; what the log's filter offers
 * and what a webhook may subscribe to. Entries about a user alone (`User`) belong to no organization.
 */
export const ORGANIZATION_ACTIVITY_SCOPES = [
  "Organization",
  "OrganizationMembership",
  "OrganizationInvite",
  "OrganizationDomain",
  "IdentityProviderConfig",
  "ScimGroup",
  "PersonalAPIKey",
  "Project",
  "ProjectMembership",
  "OAuthApplication",
  "OrganizationIntegration",
  "LegalDocument",
  "BatchExport",
  "ServiceAccount",
  "DirectoryRole",
] as const;

export const ACTIVITY_EXPORT_FORMATS = ["csv", "jsonl"] as const;

/** The export takes the list's filters, without pages: every matching entry, newest first. */
export const exportActivityLogInput = listActivityLogInput.omit({ limit: true, offset: true }).extend({
  format: z.enum(ACTIVITY_EXPORT_FORMATS).default("csv").meta({ description: "`csv` (one row per entry, with a header) or `jsonl` (one entry as JSON per line)." }),
});

/** One field of an audited change; secrets are never included. */
export const ActivityLogChange = z
  .strictObject({
    type: z.string(),
    field: z.string(),
    action: z.enum(["created", "changed", "deleted"]),
    before: z.unknown(),
    after: z.unknown(),
  })
  .meta({ id: "ActivityLogChange" });

export const ACTIVITY_VIA_KINDS = ["console", "api_key", "cli", "scim", "service_account", "identity_provider", "system"] as const;

/** How the actor came in; a personal API key is named by its label, never its value. */
export const ActivityVia = z
  .strictObject({
    kind: z.enum(ACTIVITY_VIA_KINDS).meta({
      description: "`console` (a signed-in session), `api_key`, `cli` (the admin CLI), `scim`, `service_account`, `identity_provider` (a sign-in that made the account), or `system`.",
    }),
    key_label: z.string().optional().meta({ description: "The personal API key's label, for `api_key`." }),
  })
  .meta({ id: "ActivityVia" });
export type ActivityVia = z.infer<typeof ActivityVia>;

/** What an entry is about: the item's display name, its changes, who acted when no user did, and how and from where. */
export const ActivityLogDetail = z
  .strictObject({
    name: z.string(),
    changes: z.array(ActivityLogChange),
    actor: z.string().optional().meta({ description: "The actor of an entry made without a user (an identity provider, SCIM)." }),
    via: ActivityVia.optional().meta({ description: "How the actor came in. Entries recorded before this was kept have none." }),
    address: z.string().optional().meta({ description: "The client address the change came from, when it came over HTTP." }),
  })
  .meta({ id: "ActivityLogDetail" });
export type ActivityLogDetail = z.infer<typeof ActivityLogDetail>;

/** One entry of an organization's audit trail. */
export const ActivityLogEntry = z
  .strictObject({
    id: z.uuid(),
    user: UserBasic.nullable().meta({ description: "Null for the system, the admin CLI or an identity provider." }),
    is_system: z.boolean(),
    scope: z.string().meta({ description: "The object type: `Organization`, `OrganizationMembership`, `OrganizationInvite`, …" }),
    item_id: z.string(),
    activity: z.string().meta({ description: "`created`, `updated`, `deleted`, or the operation's verb (`joined`, `rolled`, …)." }),
    detail: ActivityLogDetail,
    created_at: timestamp,
  })
  .meta({ id: "ActivityLogEntry" });
export type ActivityLogEntry = z.infer<typeof ActivityLogEntry>;

/** A page of activity-log entries. */
export const PaginatedActivityLogEntryList = paginated(ActivityLogEntry, "ActivityLogEntry");
