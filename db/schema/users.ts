/** Users and how they sign in: sessions, linked identity-provider accounts, personal API keys. */
import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, serial, text, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";
import { ts } from "./columns";

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
    /** The identity provider's `picture` claim at the last sign-in (https, or http on loopback), else null. */
    picture: varchar("picture", { length: 2048 }),
    currentOrganizationId: uuid("current_organization_id"),
    /** The project `@current` names; when unset or no longer reachable, the first project the user can reach. */
    currentProjectId: integer("current_project_id"),
    hasSocialAuth: boolean("has_social_auth").notNull().default(false),
    is2faEnabled: boolean("is_2fa_enabled").notNull().default(false),
    dateJoined: ts("date_joined").notNull().defaultNow(),
    lastLogin: ts("last_login"),
  },
  (t) => [
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
    // Member search: substring and word-similarity matches on each name field and the full name.
    index("users_first_name_trgm_idx").using("gin", sql`${t.firstName} gin_trgm_ops`),
    index("users_last_name_trgm_idx").using("gin", sql`${t.lastName} gin_trgm_ops`),
    index("users_email_trgm_idx").using("gin", sql`${t.email} gin_trgm_ops`),
    index("users_full_name_trgm_idx").using("gin", sql`(${t.firstName} || ' ' || ${t.lastName}) gin_trgm_ops`),
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
    /**
     * The issuer that vouched for this identity: an identity is (issuer, subject), so another issuer's same `sub` never
     * signs in as it. Null only for rows linked before issuers were recorded, until start-up fills in today's issuer.
     */
    issuer: varchar("issuer", { length: 500 }),
    providerAccountId: varchar("provider_account_id", { length: 255 }).notNull(),
    /** The user's login at the provider when it has one (a GitHub login for provider `github`). */
    login: varchar("login", { length: 255 }),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("accounts_issuer_subject_key").on(t.issuer, t.providerAccountId),
    index("accounts_user_idx").on(t.userId),
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
    /** Project ids the key is limited to (a project-scoped key reaches project endpoints only); empty: not limited. */
    scopedTeams: integer("scoped_teams").array().notNull().default(sql`'{}'::integer[]`),
    createdAt: ts("created_at").notNull().defaultNow(),
    lastUsedAt: ts("last_used_at"),
    lastRolledAt: ts("last_rolled_at"),
  },
  (t) => [index("personal_api_keys_user_idx").on(t.userId, t.createdAt)],
);
