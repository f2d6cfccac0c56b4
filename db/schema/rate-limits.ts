/** Abuse limits counted in the database, so every app instance shares one count. */
import { integer, pgTable, primaryKey, varchar } from "drizzle-orm/pg-core";
import { ts } from "./columns";

/**
 * One fixed window of one limit: `bucket` names the limit and what it counts (an organization's invitations, one
 * client address's sign-ins), `window_start` the start of the window. Old windows are pruned by the `jobs.prune` job.
 */
export const rateLimitWindows = pgTable(
  "rate_limit_windows",
  {
    bucket: varchar("bucket", { length: 200 }).notNull(),
    windowStart: ts("window_start").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] })],
);
