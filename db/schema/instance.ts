/** Instance-wide settings. */
import { pgTable, text, varchar } from "drizzle-orm/pg-core";
import { ts } from "./columns";

/** Instance-wide values shared by every app instance on one database (e.g. the generated AUTH_SECRET). */
export const instanceSettings = pgTable("instance_settings", {
  key: varchar("key", { length: 64 }).primaryKey(),
  value: text("value").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
});
