import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const users = pgTable(
  "users",
  {
    id: serial("id").primaryKey(),
    uuid: uuid("uuid").notNull().unique().defaultRandom(),
    email: varchar("email", { length: 254 }).notNull(),
    firstName: varchar("first_name", { length: 150 }).notNull().default(""),
    lastName: varchar("last_name", { length: 150 }).notNull().default(""),
    distinctId: varchar("distinct_id", { length: 200 }).notNull(),
    isEmailVerified: boolean("is_email_verified"),
    isActive: boolean("is_active").notNull().default(true),
    roleAtOrganization: varchar("role_at_organization", { length: 64 }),
    currentOrganizationId: uuid("current_organization_id"),
    hasSocialAuth: boolean("has_social_auth").notNull().default(false),
    is2faEnabled: boolean("is_2fa_enabled").notNull().default(false),
    dateJoined: ts("date_joined").notNull().defaultNow(),
    lastLogin: ts("last_login"),
  },
  (t) => [uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`)],
);

export const organizations = pgTable("organizations", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: varchar("name", { length: 64 }).notNull(),
  slug: varchar("slug", { length: 48 }).notNull().unique(),
  logoMediaId: uuid("logo_media_id"),
  enforce2fa: boolean("enforce_2fa"),
  membersCanInvite: boolean("members_can_invite").notNull().default(true),
  membersCanUsePersonalApiKeys: boolean("members_can_use_personal_api_keys").notNull().default(true),
  isMemberJoinEmailEnabled: boolean("is_member_join_email_enabled").notNull().default(true),
  isAiDataProcessingApproved: boolean("is_ai_data_processing_approved"),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const organizationMemberships = pgTable(
  "organization_memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    level: smallint("level").notNull(),
    joinedAt: ts("joined_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("organization_memberships_org_user_key").on(t.organizationId, t.userId),
    index("organization_memberships_user_idx").on(t.userId, t.joinedAt),
  ],
);

export const personalApiKeys = pgTable(
  "personal_api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    label: varchar("label", { length: 40 }).notNull(),
    /** SHA-256 (hex) of the key; the plaintext is shown once and never stored. */
    secureValue: varchar("secure_value", { length: 64 }).notNull().unique(),
    maskValue: varchar("mask_value", { length: 16 }).notNull(),
    scopes: text("scopes").array().notNull(),
    scopedOrganizations: uuid("scoped_organizations").array().notNull().default(sql`'{}'::uuid[]`),
    createdAt: ts("created_at").notNull().defaultNow(),
    lastUsedAt: ts("last_used_at"),
    lastRolledAt: ts("last_rolled_at"),
  },
  (t) => [index("personal_api_keys_user_idx").on(t.userId, t.createdAt)],
);

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

export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** SHA-256 (hex) of the session cookie's value. */
    tokenHash: varchar("token_hash", { length: 64 }).notNull().unique(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expires: ts("expires").notNull(),
    signedInAt: ts("signed_in_at").notNull().defaultNow(),
    mfa: boolean("mfa").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Identities at sign-in providers linked to a user (next-auth accounts); provider tokens are not kept. */
export const accounts = pgTable(
  "accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: varchar("type", { length: 32 }).notNull(),
    provider: varchar("provider", { length: 64 }).notNull(),
    providerAccountId: varchar("provider_account_id", { length: 255 }).notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("accounts_provider_account_key").on(t.provider, t.providerAccountId),
    index("accounts_user_idx").on(t.userId),
  ],
);

/** Instance-wide values shared by every app instance on one database (e.g. the generated AUTH_SECRET). */
export const instanceSettings = pgTable("instance_settings", {
  key: varchar("key", { length: 64 }).primaryKey(),
  value: text("value").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
});
