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
  (t) => [
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
    // Member search (decision 13): substring and word-similarity matches on each name field and the full name.
    index("users_first_name_trgm_idx").using("gin", sql`${t.firstName} gin_trgm_ops`),
    index("users_last_name_trgm_idx").using("gin", sql`${t.lastName} gin_trgm_ops`),
    index("users_email_trgm_idx").using("gin", sql`${t.email} gin_trgm_ops`),
    index("users_full_name_trgm_idx").using("gin", sql`(${t.firstName} || ' ' || ${t.lastName}) gin_trgm_ops`),
  ],
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
    // The member list's order (decision 13's default `-joined_at`), so a page of a large organization needs no sort.
    index("organization_memberships_org_joined_idx").on(t.organizationId, t.joinedAt.desc().nullsFirst(), t.id),
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
    /** The user's login at the provider when it has one (a GitHub login for provider `github`). */
    login: varchar("login", { length: 255 }),
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

/** Invitations (api-behavior §2.4). Accepted ones are kept (`accepted_at`) so a used link says so. */
export const organizationInvites = pgTable(
  "organization_invites",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    targetEmail: varchar("target_email", { length: 254 }).notNull(),
    firstName: varchar("first_name", { length: 30 }).notNull().default(""),
    level: smallint("level").notNull(),
    message: text("message"),
    privateProjectAccess: jsonb("private_project_access").$type<ProjectAccess[]>().notNull().default([]),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    emailingAttemptMade: boolean("emailing_attempt_made").notNull().default(false),
    isSetupDelegation: boolean("is_setup_delegation").notNull().default(false),
    /** Part of the signed link (decision 18): bumping it would invalidate links already sent. */
    tokenVersion: integer("token_version").notNull().default(1),
    acceptedAt: ts("accepted_at"),
    acceptedById: integer("accepted_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("organization_invites_org_created_idx").on(t.organizationId, t.createdAt),
    index("organization_invites_org_email_idx").on(t.organizationId, sql`lower(${t.targetEmail})`),
    index("organization_invites_email_idx").on(sql`lower(${t.targetEmail})`),
  ],
);

export type ProjectAccess = { id: number; level: "member" | "admin" };

/** Projects of an organization (extended by the projects feature). */
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
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("projects_org_idx").on(t.organizationId)],
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

/**
 * The durable email outbox: a message is written in the same transaction as what caused it, with its Message-ID
 * fixed then, and delivered by the mail worker. `held` messages have no transport and stay for admins to read.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id"),
    kind: varchar("kind", { length: 32 }).notNull(),
    relatedId: varchar("related_id", { length: 64 }),
    messageId: varchar("message_id", { length: 255 }).notNull().unique(),
    fromAddress: varchar("from_address", { length: 320 }).notNull(),
    toAddress: varchar("to_address", { length: 320 }).notNull(),
    replyTo: varchar("reply_to", { length: 320 }),
    subject: varchar("subject", { length: 500 }).notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    /** pending → sending → sent; failed after retries run out; held when no transport is configured. */
    status: varchar("status", { length: 16 }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    lockedUntil: ts("locked_until"),
    lastError: text("last_error"),
    sentAt: ts("sent_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("email_outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("email_outbox_org_created_idx").on(t.organizationId, t.createdAt),
  ],
);

/** Every delivery attempt of an outbox message, with its outcome. */
export const emailAttempts = pgTable(
  "email_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    outboxId: uuid("outbox_id")
      .notNull()
      .references(() => emailOutbox.id, { onDelete: "cascade" }),
    attemptedAt: ts("attempted_at").notNull().defaultNow(),
    outcome: varchar("outcome", { length: 16 }).notNull(),
    error: text("error"),
    response: text("response"),
  },
  (t) => [index("email_attempts_outbox_idx").on(t.outboxId, t.attemptedAt)],
);
