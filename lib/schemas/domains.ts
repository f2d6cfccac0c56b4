import { z } from "zod";
import { isoDateTime, paginated, timestamp, withoutNul } from "./common";

/** What `sso_enforcement` may hold: off (`""`), SAML, or the OpenID Connect provider (of any of these names). */
export const SSO_ENFORCEMENT_VALUES = ["", "saml", "oidc", "google-oauth2", "github", "gitlab"] as const;
export type SsoEnforcement = (typeof SSO_ENFORCEMENT_VALUES)[number];

/** Lower-case labels of letters and digits joined by single hyphens, at least two of them, ending in letters. */
export const DOMAIN_RE = /^([a-z0-9]+(-[a-z0-9]+)*\.)+[a-z]{2,}$/;

/** A URL field of an identity provider: trimmed, its trailing "/" removed, blank meaning none. */
const idpUrl = withoutNul(z.string().trim().max(512))
  .nullable()
  .transform((value) => (value ? value.replace(/\/+$/, "") || null : null));

/** The SAML, SCIM and ID-JAG fields a domain and an identity-provider config both take. */
export const identityProviderFields = {
  saml_entity_id: withoutNul(z.string().max(512)).nullable(),
  saml_acs_url: withoutNul(z.string().max(512)).nullable(),
  saml_x509_cert: withoutNul(z.string().max(20_000)).nullable(),
  saml_allow_idp_initiated: z.boolean(),
  scim_enabled: z.boolean(),
  id_jag_issuer_url: idpUrl,
  id_jag_jwks_url: idpUrl,
  id_jag_allowed_clients: z.array(withoutNul(z.string().max(256))).max(100),
};

/** The SAML, SCIM and ID-JAG fields a domain and an identity-provider config both answer with. */
const identityProviderWireFields = {
  has_saml: z.boolean(),
  saml_entity_id: z.string().nullable(),
  saml_acs_url: z.string().nullable(),
  saml_x509_cert: z.string().nullable(),
  saml_allow_idp_initiated: z.boolean(),
  has_scim: z.boolean(),
  scim_enabled: z.boolean(),
  scim_bearer_token: z.string().nullable().meta({ description: "Only in the response of the request that turned SCIM on; null otherwise." }),
  has_id_jag: z.boolean(),
  id_jag_issuer_url: z.string().nullable(),
  id_jag_jwks_url: z.string().nullable(),
  id_jag_allowed_clients: z.array(z.string()),
};

export const createDomainInput = z.object({
  domain: withoutNul(z.string().max(128)).pipe(z.string().regex(DOMAIN_RE, { message: "Please enter a valid domain or subdomain name." })),
});

/**
 * A domain's writable fields. `domain`, `verified_at` and `verification_challenge` are not among them: sent, they are
 * ignored (a verified domain cannot be swapped for another).
 */
export const updateDomainInput = z
  .object({
    jit_provisioning_enabled: z.boolean(),
    sso_enforcement: z.enum(SSO_ENFORCEMENT_VALUES),
    ...identityProviderFields,
    identity_provider_config: z.string().nullable(),
  })
  .partial();
export type UpdateDomainInput = z.output<typeof updateDomainInput>;

export const domainIdInput = z.object({ id: z.string() });

/** The request body of PATCH and PUT, for the OpenAPI document. */
export const PatchedOrganizationDomain = updateDomainInput.meta({ id: "PatchedOrganizationDomain" });
export const updateDomainByIdInput = updateDomainInput.extend({ id: z.string() });

/** A domain an organization claims, and the SAML, SCIM and ID-JAG settings for people of that domain. */
export const OrganizationDomain = z
  .strictObject({
    id: z.uuid(),
    domain: z.string(),
    is_verified: z.boolean(),
    verified_at: timestamp.nullable(),
    verification_challenge: z.string().meta({ description: "The value of the TXT record at `_orgdeck-challenge.<domain>` that proves the domain." }),
    jit_provisioning_enabled: z.boolean(),
    sso_enforcement: z.enum(SSO_ENFORCEMENT_VALUES),
    ...identityProviderWireFields,
    scim_base_url: z.string().nullable(),
    identity_provider_config: z.uuid().nullable(),
  })
  .meta({ id: "OrganizationDomain" });
export type OrganizationDomain = z.infer<typeof OrganizationDomain>;

export const PaginatedOrganizationDomainList = paginated(OrganizationDomain, "OrganizationDomain");

/** A new SCIM token, shown this once; a domain's answer also names its SCIM base URL. */
export const ScimTokenResponse = z
  .strictObject({ scim_enabled: z.literal(true), scim_base_url: z.string().optional(), scim_bearer_token: z.string() })
  .meta({ id: "SCIMTokenResponse" });

export const createIdentityProviderConfigInput = z.object({ name: withoutNul(z.string().max(255)), ...identityProviderFields }).partial();
export const updateIdentityProviderConfigInput = createIdentityProviderConfigInput.extend({ id: z.string() });
export type IdentityProviderConfigInput = z.output<typeof createIdentityProviderConfigInput>;

/** The request body of PATCH and PUT, for the OpenAPI document. */
export const PatchedIdentityProviderConfig = createIdentityProviderConfigInput.meta({ id: "PatchedIdentityProviderConfig" });

/** SAML, SCIM and ID-JAG settings an organization keeps once and links to several domains. */
export const IdentityProviderConfig = z
  .strictObject({
    id: z.uuid(),
    name: z.string(),
    created_at: timestamp,
    updated_at: timestamp,
    ...identityProviderWireFields,
  })
  .meta({ id: "IdentityProviderConfig" });
export type IdentityProviderConfig = z.infer<typeof IdentityProviderConfig>;

export const PaginatedIdentityProviderConfigList = paginated(IdentityProviderConfig, "IdentityProviderConfig");

/** The SCIM request log's filters; pages are numbered (`page`, `page_size` up to 100). */
export const scimLogsInput = z.object({
  id: z.string(),
  status_min: z.coerce.number().int().min(100).max(599).optional(),
  status_max: z.coerce.number().int().min(100).max(599).optional(),
  search: withoutNul(z.string().trim().max(200)).optional(),
  after: isoDateTime.optional(),
  before: isoDateTime.optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  page_size: z.coerce.number().int().min(1).transform((n) => Math.min(n, 100)).default(20),
});

export const IDENTITY_PROVIDERS = ["okta", "entra_id", "google", "onelogin", "other"] as const;

/** One request a SCIM client made, as it was answered; the token and personal data masked. */
export const ScimRequestLog = z
  .strictObject({
    id: z.uuid(),
    request_method: z.string(),
    request_path: z.string(),
    request_headers: z.record(z.string(), z.string()),
    request_body: z.string(),
    response_status: z.int(),
    response_body: z.string(),
    identity_provider: z.enum(IDENTITY_PROVIDERS),
    duration_ms: z.int(),
    created_at: timestamp,
  })
  .meta({ id: "SCIMRequestLog" });
export type ScimRequestLog = z.infer<typeof ScimRequestLog>;

export const PaginatedScimRequestLogList = paginated(ScimRequestLog, "SCIMRequestLog");
