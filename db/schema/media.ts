/** Uploaded files (organization logos): the row describes the bytes, which live in the storage adapter under `media/<id>`. */
import { index, integer, pgTable, uuid, varchar } from "drizzle-orm/pg-core";
import { ts } from "./columns";
import { organizations } from "./organizations";
import { users } from "./users";

export const media = pgTable(
  "media",
  {
    /** Random and unguessable: the image URL carries it, and invitation emails show it without a session. */
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    contentType: varchar("content_type", { length: 64 }).notNull(),
    size: integer("size").notNull(),
    /** SHA-256 (hex) of the stored bytes. */
    sha256: varchar("sha256", { length: 64 }).notNull(),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("media_organization_idx").on(t.organizationId)],
);
