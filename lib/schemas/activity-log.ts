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

/** What an entry is about: the item's display name, its changes, and who acted when no user did. */
export const ActivityLogDetail = z
  .strictObject({
    name: z.string(),
    changes: z.array(ActivityLogChange),
    actor: z.string().optional().meta({ description: "The actor of an entry made without a user (an identity provider, SCIM)." }),
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
