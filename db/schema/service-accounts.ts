/** Service accounts (machine callers of one organization), the keys their access tokens are signed with, and roles. */
import { index, integer, jsonb, pgTable, text, boolean, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";
import { ts } from "./columns";
import { users } from "./users";
import { organizationMemberships, organizations } from "./organizations";

/**
 * A machine caller of one organization. It trades its client id and secret for a short-lived access token
 * (`POST /oauth/token`, client credentials). The secret is stored as its SHA-256 (hex) and shown once; after a
 * rotation the previous one keeps working until `previous_secret_expires_at`.
 */
export const serviceAccounts = pgTable(
  "service_accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: varchar("name", { length: 255 }).notNull(),
    clientId: varchar("client_id", { length: 64 }).notNull().unique(),
    secretHash: varchar("secret_hash", { length: 64 }).notNull(),
    previousSecretHash: varchar("previous_secret_hash", { length: 64 }),
    previousSecretExpiresAt: ts("previous_secret_expires_at"),
    /** The permissions it holds, chosen from the organization's (e.g. `org.directory.get`). */
    permissions: jsonb("permissions").$type<string[]>().notNull().default([]),
    isActive: boolean("is_active").notNull().default(true),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    lastUsedAt: ts("last_used_at"),
  },
  (t) => [index("service_accounts_org_created_idx").on(t.organizationId, t.createdAt)],
);

/**
 * The keys access tokens are signed with (ES256). The newest key not yet retired signs; a retired key stays in the
 * JWKS until `publish_until`, when no token it signed can still be valid. The private key is sealed (AES-256-GCM).
 */
export const oauthSigningKeys = pgTable("oauth_signing_keys", {
  kid: varchar("kid", { length: 64 }).primaryKey(),
  algorithm: varchar("algorithm", { length: 16 }).notNull().default("ES256"),
  publicJwk: jsonb("public_jwk").$type<Record<string, unknown>>().notNull(),
  privateKeySealed: text("private_key_sealed").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
  /** After this the key no longer signs. */
  retireAt: ts("retire_at").notNull(),
  /** After this the key is no longer published. */
  publishUntil: ts("publish_until").notNull(),
});

/** Roles an organization defines for the directory API: a name and a set of directory permissions. */
export const directoryRoles = pgTable(
  "directory_roles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: varchar("name", { length: 100 }).notNull(),
    permissions: jsonb("permissions").$type<string[]>().notNull().default([]),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("directory_roles_org_name_key").on(t.organizationId, t.name)],
);

/** Which members and service accounts hold a custom role (exactly one of the two is set). */
export const directoryRoleAssignments = pgTable(
  "directory_role_assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    roleId: uuid("role_id")
      .notNull()
      .references(() => directoryRoles.id, { onDelete: "cascade" }),
    membershipId: uuid("membership_id").references(() => organizationMemberships.id, { onDelete: "cascade" }),
    serviceAccountId: uuid("service_account_id").references(() => serviceAccounts.id, { onDelete: "cascade" }),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("directory_role_assignments_member_key").on(t.roleId, t.membershipId),
    uniqueIndex("directory_role_assignments_account_key").on(t.roleId, t.serviceAccountId),
    // Every directory call reads a member's or an account's roles by holder alone.
    index("directory_role_assignments_membership_idx").on(t.membershipId),
    index("directory_role_assignments_account_idx").on(t.serviceAccountId),
  ],
);
