/**
 * What SCIM clients provisioned, per tenant: a tenant is the verified domain or identity-provider config whose token
 * the client holds (exactly one of `domain_id` and `identity_provider_config_id` is set, and `tenant_id` repeats it so
 * one index covers both). A SCIM user is a row here pointing at the Orgdeck user it provisioned; deleting it removes
 * the membership, never the user.
 */
import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, primaryKey, smallint, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";
import { ts } from "./columns";
import { identityProviderConfigs, organizationDomains } from "./domains";
import { organizations } from "./organizations";
import { users } from "./users";

const tenantColumns = () => ({
  organizationId: uuid("organization_id")
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" }),
  tenantId: uuid("tenant_id").notNull(),
  domainId: uuid("domain_id").references(() => organizationDomains.id, { onDelete: "cascade" }),
  identityProviderConfigId: uuid("identity_provider_config_id").references(() => identityProviderConfigs.id, { onDelete: "cascade" }),
});

export const scimUsers = pgTable(
  "scim_users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ...tenantColumns(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    userName: varchar("user_name", { length: 254 }).notNull(),
    externalId: varchar("external_id", { length: 255 }),
    displayName: varchar("display_name", { length: 255 }),
    givenName: varchar("given_name", { length: 150 }),
    familyName: varchar("family_name", { length: 150 }),
    /** The primary (else first) email's value, lower case. */
    email: varchar("email", { length: 254 }),
    active: boolean("active").notNull().default(true),
    /** The rest of the resource as the client sent it (never `password`, `id` or `meta`). */
    resource: jsonb("resource").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("scim_users_tenant_user_name_idx").on(t.tenantId, sql`lower(${t.userName})`),
    index("scim_users_tenant_created_idx").on(t.tenantId, t.createdAt, t.id),
    index("scim_users_tenant_external_id_idx").on(t.tenantId, t.externalId),
    index("scim_users_user_idx").on(t.userId),
  ],
);

export const scimGroups = pgTable(
  "scim_groups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ...tenantColumns(),
    displayName: varchar("display_name", { length: 255 }).notNull(),
    externalId: varchar("external_id", { length: 255 }),
    /** The organization level its members get (member or admin) when an admin mapped it; null when unmapped. */
    mappedLevel: smallint("mapped_level"),
    resource: jsonb("resource").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("scim_groups_tenant_display_name_idx").on(t.tenantId, sql`lower(${t.displayName})`), index("scim_groups_tenant_created_idx").on(t.tenantId, t.createdAt, t.id)],
);

export const scimGroupMembers = pgTable(
  "scim_group_members",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => scimGroups.id, { onDelete: "cascade" }),
    scimUserId: uuid("scim_user_id")
      .notNull()
      .references(() => scimUsers.id, { onDelete: "cascade" }),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.scimUserId] }), index("scim_group_members_user_idx").on(t.scimUserId)],
);
