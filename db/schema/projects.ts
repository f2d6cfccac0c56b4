/** Projects of an organization and who may reach the private ones. */
import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, serial, smallint, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";
import { ts } from "./columns";
import { users } from "./users";
import { organizations } from "./organizations";

/**
 * Projects of an organization. The documented settings without a rule of their own live in `settings` (one JSON
 * object keyed by the wire names); the ones the server reads, filters or validates against each other have columns.
 * A deleted project stays a tombstone (`is_pending_deletion`) until the deletion job has removed what it owns.
 */
export const projects = pgTable(
  "projects",
  {
    id: serial("id").primaryKey(),
    uuid: uuid("uuid").notNull().unique().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: varchar("name", { length: 200 }).notNull(),
    /** A private project (access control on): only its members and the organization's admins reach it. */
    accessControl: boolean("access_control").notNull().default(false),
    /** The public token clients send events with; not a secret. */
    apiToken: varchar("api_token", { length: 64 }).notNull().unique(),
    /** SHA-256 (hex) of the secret token and of the one it replaced; the plaintext is shown once. */
    secretApiTokenHash: varchar("secret_api_token_hash", { length: 64 }),
    secretApiTokenBackupHash: varchar("secret_api_token_backup_hash", { length: 64 }),
    timezone: varchar("timezone", { length: 240 }).notNull().default("UTC"),
    isDemo: boolean("is_demo").notNull().default(false),
    settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
    isPendingDeletion: boolean("is_pending_deletion").notNull().default(false),
    deletionRequestedAt: ts("deletion_requested_at"),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("projects_org_idx").on(t.organizationId),
    // Names are unique per organization, whatever their case, among projects that are not being deleted.
    uniqueIndex("projects_org_name_key")
      .on(t.organizationId, sql`lower(${t.name})`)
      .where(sql`not ${t.isPendingDeletion}`),
  ],
);

export const projectMemberships = pgTable(
  "project_memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** 1 member, 8 admin (as organization levels). */
    level: smallint("level").notNull(),
    joinedAt: ts("joined_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("project_memberships_project_user_key").on(t.projectId, t.userId), index("project_memberships_user_idx").on(t.userId)],
);
