/**
 * Verified domains and identity-provider configs: where an organization proves it owns a domain (DNS TXT), and the
 * SAML, SCIM and ID-JAG settings that apply to people of that domain. A domain may link one config of its
 * organization, whose values it copies. SCIM tokens are stored as their SHA-256 only (they are high-entropy secrets).
 */
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uuid, varchar } from "drizzle-orm/pg-core";
import { ts } from "./columns";
import { organizations } from "./organizations";

/** The SAML, SCIM and ID-JAG columns a domain and a config share. */
const identityProviderColumns = () => ({
  samlEntityId: varchar("saml_entity_id", { length: 512 }),
  samlAcsUrl: varchar("saml_acs_url", { length: 512 }),
  samlX509Cert: text("saml_x509_cert"),
  /** Whether responses the IdP sends unasked (IdP-initiated sign-in) are accepted. */
  samlAllowIdpInitiated: boolean("saml_allow_idp_initiated").notNull().default(false),
  scimEnabled: boolean("scim_enabled").notNull().default(false),
  /** SHA-256 (hex) of the SCIM bearer token; null when SCIM is off. */
  scimTokenHash: varchar("scim_token_hash", { length: 64 }),
  idJagIssuerUrl: varchar("id_jag_issuer_url", { length: 512 }),
  idJagJwksUrl: varchar("id_jag_jwks_url", { length: 512 }),
  idJagAllowedClients: jsonb("id_jag_allowed_clients").$type<string[]>().notNull().default([]),
});

export const identityProviderConfigs = pgTable(
  "identity_provider_configs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: varchar("name", { length: 255 }).notNull().default(""),
    ...identityProviderColumns(),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [index("identity_provider_configs_org_created_idx").on(t.organizationId, t.createdAt)],
);

export const organizationDomains = pgTable(
  "organization_domains",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    /** Lower-case and unique across the installation: one organization proves a domain. */
    domain: varchar("domain", { length: 128 }).notNull().unique(),
    verificationChallenge: varchar("verification_challenge", { length: 64 }).notNull(),
    verifiedAt: ts("verified_at"),
    /** When verification last failed; kept, never shown, and not a cooldown. */
    lastVerificationRetry: ts("last_verification_retry"),
    /** The daily re-check of a verified domain: when it last ran, and since when the record has been missing. */
    dnsCheckedAt: ts("dns_checked_at"),
    dnsMissingSince: ts("dns_missing_since"),
    jitProvisioningEnabled: boolean("jit_provisioning_enabled").notNull().default(false),
    ssoEnforcement: varchar("sso_enforcement", { length: 28 }).notNull().default(""),
    ...identityProviderColumns(),
    identityProviderConfigId: uuid("identity_provider_config_id").references(() => identityProviderConfigs.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("organization_domains_org_domain_idx").on(t.organizationId, t.domain)],
);

/** What SCIM clients asked and were answered, per domain or config, for admins to read (secrets masked). */
export const scimRequestLogs = pgTable(
  "scim_request_logs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    domainId: uuid("domain_id").references(() => organizationDomains.id, { onDelete: "cascade" }),
    identityProviderConfigId: uuid("identity_provider_config_id").references(() => identityProviderConfigs.id, { onDelete: "cascade" }),
    requestMethod: varchar("request_method", { length: 10 }).notNull(),
    requestPath: varchar("request_path", { length: 2048 }).notNull(),
    requestHeaders: jsonb("request_headers").$type<Record<string, string>>().notNull().default({}),
    requestBody: text("request_body").notNull().default(""),
    responseStatus: integer("response_status").notNull(),
    responseBody: text("response_body").notNull().default(""),
    identityProvider: varchar("identity_provider", { length: 16 }).notNull().default("other"),
    durationMs: integer("duration_ms").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("scim_request_logs_domain_created_idx").on(t.domainId, t.createdAt),
    index("scim_request_logs_config_created_idx").on(t.identityProviderConfigId, t.createdAt),
    // The pruning job deletes entries older than the retention window across every domain and config.
    index("scim_request_logs_created_idx").on(t.createdAt),
  ],
);

/**
 * People removed from an organization (or who left it), whom just-in-time provisioning must not add back at their next
 * sign-in. An invitation to the same address deletes the row: the organization wants them again.
 */
export const jitExclusions = pgTable(
  "jit_exclusions",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    email: varchar("email", { length: 254 }).notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.email] })],
);
