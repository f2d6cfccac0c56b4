/** Organizations, their memberships and invitations. */
import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, smallint, text, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";
import { ts } from "./columns";
import { users } from "./users";

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
  /** Whether members (not only admins) may create projects. */
  membersCanCreateProjects: boolean("members_can_create_projects").notNull().default(false),
  /** Whether people whose verified email domain is a verified domain of the organization see it among suggestions. */
  allowDomainDiscovery: boolean("allow_domain_discovery").notNull().default(false),
  /** The directory API's fields: a lower-case DNS label unique across the instance, a status, a CRM id. */
  subdomain: varchar("subdomain", { length: 63 }).unique(),
  status: varchar("status", { length: 32 }),
  externalSalesForceId: varchar("external_sales_force_id", { length: 255 }),
  /** Set when the organization is deleted through the directory API; a job then removes what it owns. */
  deletedAt: ts("deleted_at"),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const MEMBERSHIP_SOURCES = ["created", "invite", "cli", "jit", "scim", "directory"] as const;
export type MembershipSource = (typeof MEMBERSHIP_SOURCES)[number];

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
    /** How the membership came to be: `created`, `invite`, `cli`, `jit`, `scim` or `directory`. */
    source: varchar("source", { length: 16 }).$type<MembershipSource>().notNull().default("cli"),
    /** A suspended member (SCIM `active: false`) keeps the row but has no access to the organization. */
    suspendedAt: ts("suspended_at"),
    joinedAt: ts("joined_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("organization_memberships_org_user_key").on(t.organizationId, t.userId),
    index("organization_memberships_user_idx").on(t.userId, t.joinedAt),
    // The member list's default order, `-joined_at`, so a page of a large organization needs no sort.
    index("organization_memberships_org_joined_idx").on(t.organizationId, t.joinedAt.desc().nullsFirst(), t.id),
  ],
);

/** Invitations. Accepted ones are kept (`accepted_at`) so a used link says so. */
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
    /** Part of the signed link: bumping it would invalidate links already sent. */
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
