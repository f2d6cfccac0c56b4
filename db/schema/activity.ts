/** The audit trail. */
import { boolean, index, integer, jsonb, pgTable, uuid, varchar } from "drizzle-orm/pg-core";
import { ts } from "./columns";
import { users } from "./users";

/** Audit trail. `organization_id` has no foreign key so entries outlive what they describe. */
export const activityLog = pgTable(
  "activity_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id"),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    isSystem: boolean("is_system").notNull().default(false),
    scope: varchar("scope", { length: 64 }).notNull(),
    itemId: varchar("item_id", { length: 64 }).notNull(),
    activity: varchar("activity", { length: 64 }).notNull(),
    detail: jsonb("detail").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("activity_log_org_created_idx").on(t.organizationId, t.createdAt),
    index("activity_log_user_created_idx").on(t.userId, t.createdAt),
  ],
);
