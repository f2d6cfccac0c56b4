import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { identityProviderConfigs, organizationDomains } from "../../db/schema";
import { AppError, notFound } from "../errors";
import { blockedAddressKind } from "../outbound/address-policy";
import { bareHostname, isIpLiteralHost, isReservedHostname } from "../outbound/check-url";
import { env } from "../env";
import { isUuid } from "../schemas/common";
import type { IdentityProviderConfigInput, OrganizationDomain, SsoEnforcement } from "../schemas/domains";
import { generateScimToken, sha256 } from "../auth/tokens";
import { iso } from "./serialize";

export type DomainRow = typeof organizationDomains.$inferSelect;
export const DOMAIN_SCOPE = "OrganizationDomain";

/** Where the TXT record proving a domain lives. */
export const challengeName = (domain: string) => `_orgdeck-challenge.${domain}`;

/** A domain's or config's SCIM base URL, which its SCIM client is given. */
export const scimBaseUrl = (id: string) => `${env().SITE_URL}/scim/v2/${id}`;

/** The SAML, SCIM and ID-JAG columns a domain and an identity-provider config share. */
type IdpRow = Pick<
  DomainRow,
  "samlEntityId" | "samlAcsUrl" | "samlX509Cert" | "samlAllowIdpInitiated" | "scimEnabled" | "scimTokenHash" | "idJagIssuerUrl" | "idJagJwksUrl" | "idJagAllowedClients"
>;

/** Whether a SAML IdP is fully described (entity id, its sign-on URL and its certificate). */
export const hasSaml = (row: IdpRow) => Boolean(row.samlEntityId && row.samlAcsUrl && row.samlX509Cert);
export const hasScim = (row: IdpRow) => row.scimEnabled && row.scimTokenHash !== null;

/** The shared fields on the wire; `scimToken` is the plaintext of a token made by this very request (shown once). */
export function identityProviderWire(row: IdpRow, scimToken: string | null) {
  return {
    has_saml: hasSaml(row),
    saml_entity_id: row.samlEntityId,
    saml_acs_url: row.samlAcsUrl,
    saml_x509_cert: row.samlX509Cert,
    saml_allow_idp_initiated: row.samlAllowIdpInitiated,
    has_scim: hasScim(row),
    scim_enabled: row.scimEnabled,
    scim_bearer_token: scimToken,
    has_id_jag: Boolean(row.idJagIssuerUrl),
    id_jag_issuer_url: row.idJagIssuerUrl,
    id_jag_jwks_url: row.idJagJwksUrl,
    id_jag_allowed_clients: row.idJagAllowedClients,
  };
}

/** The shared columns the fields sent set (those not sent are left out); SCIM goes through `scimSwitch`. */
export function identityProviderColumns(input: Omit<IdentityProviderConfigInput, "name" | "scim_enabled">) {
  const sent = {
    samlEntityId: input.saml_entity_id,
    samlAcsUrl: input.saml_acs_url,
    samlX509Cert: input.saml_x509_cert,
    samlAllowIdpInitiated: input.saml_allow_idp_initiated,
    idJagIssuerUrl: input.id_jag_issuer_url,
    idJagJwksUrl: input.id_jag_jwks_url,
    idJagAllowedClients: input.id_jag_allowed_clients,
  };
  return Object.fromEntries(Object.entries(sent).filter(([, v]) => v !== undefined));
}

/**
 * SCIM turned on makes a token (its plaintext returned once, its SHA-256 stored); turned off clears it; sent as it
 * already is, nothing changes and no token is shown.
 */
export function scimSwitch(scimEnabledNow: boolean, wanted: boolean | undefined) {
  if (wanted === undefined || wanted === scimEnabledNow) return { token: null, columns: {} };
  const token = wanted ? generateScimToken() : null;
  return { token, columns: { scimEnabled: wanted, scimTokenHash: token && sha256(token) } };
}

/** The wire object; `scimToken` is the plaintext of a token made by this very request (shown once). */
export function serializeDomain(row: DomainRow, scimToken: string | null = null): OrganizationDomain {
  const { scim_bearer_token, ...shared } = identityProviderWire(row, scimToken);
  return {
    id: row.id,
    domain: row.domain,
    is_verified: row.verifiedAt !== null,
    verified_at: iso(row.verifiedAt),
    verification_challenge: row.verificationChallenge,
    jit_provisioning_enabled: row.jitProvisioningEnabled,
    sso_enforcement: row.ssoEnforcement as SsoEnforcement,
    ...shared,
    scim_base_url: hasScim(row) ? scimBaseUrl(row.id) : null,
    scim_bearer_token,
    identity_provider_config: row.identityProviderConfigId,
  };
}

/** The organization's domain with this id, locked for update inside a transaction; 404 otherwise. */
export async function domainOf(db: Executor, organizationId: string, id: string, { lock = false } = {}) {
  if (!isUuid(id)) throw notFound();
  const query = db
    .select()
    .from(organizationDomains)
    .where(and(eq(organizationDomains.id, id.toLowerCase()), eq(organizationDomains.organizationId, organizationId)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFound();
  return row;
}

/** The organization's identity-provider config with this id, or a 400 on the field that named it. */
export async function linkedConfigOf(db: Executor, organizationId: string, id: string) {
  const [config] = isUuid(id)
    ? await db
        .select()
        .from(identityProviderConfigs)
        .where(and(eq(identityProviderConfigs.id, id.toLowerCase()), eq(identityProviderConfigs.organizationId, organizationId)))
    : [];
  if (!config) throw new AppError("does_not_exist", { detail: `Invalid pk "${id}" - object does not exist.`, attr: "identity_provider_config" });
  return config;
}

/**
 * The save-time rule for an identity provider's URL fields: http or https, and not a host that names this machine,
 * a private network or a metadata service (no DNS here; fetching applies the full outbound rule). 400 on the field.
 */
export function checkIdpUrl(value: string | null | undefined, attr: string) {
  if (!value) return;
  const refuse = (reason: string) => new AppError("invalid_input", { detail: `URL is not allowed: ${reason}`, attr });
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw refuse("not a valid URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw refuse("only http and https URLs");
  if (env().ORGDECK_ALLOW_PRIVATE_URLS) return;
  const host = bareHostname(url);
  if (isIpLiteralHost(url)) {
    const kind = blockedAddressKind(host);
    if (kind) throw refuse(`${host} is ${kind}`);
  } else if (isReservedHostname(host)) {
    throw refuse(`${host} is a local or internal name`);
  }
}
