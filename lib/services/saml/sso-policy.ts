import { and, eq, isNotNull, ne } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { organizationDomains, organizations } from "../../../db/schema";
import { emailDomain } from "../../schemas/common";
import type { SsoEnforcement } from "../../schemas/domains";
import { hasSaml } from "../domain-rows";

/** The two ways to sign in here: SAML through a connection, or the configured OpenID Connect provider. */
export type SignInKind = "saml" | "oidc";

/**
 * What an enforcement value requires: `saml`, or the OpenID Connect provider for every other method (`oidc`,
 * `google-oauth2`, `github`, `gitlab` all reach their provider through it here); nothing when enforcement is off.
 */
export function requiredSignInKind(enforcement: string): SignInKind | null {
  if (!enforcement) return null;
  return enforcement === "saml" ? "saml" : "oidc";
}

/** The `accounts.issuer` of SAML sign-ins through a connection (a domain or an identity-provider config). */
export const samlIssuerOf = (connectionId: string) => `saml:${connectionId}`;

export type SsoRequirement = {
  domainId: string;
  domain: string;
  organizationName: string;
  enforcement: SsoEnforcement;
  kind: SignInKind;
  /** The SAML connection to send the person to: the domain, which holds its IdP's values (copied from a linked config). */
  samlConnectionId: string | null;
};

/** The single sign-on an address must use: its exact domain is verified by an organization that enforces it. */
export const ssoRequirementFor = (db: Executor, email: string) => ssoRequirementOfDomain(db, emailDomain(email));

/** The single sign-on a domain's addresses must use, when an organization verified it and enforces one. */
export async function ssoRequirementOfDomain(db: Executor, domain: string): Promise<SsoRequirement | null> {
  const [row] = await db
    .select({ domain: organizationDomains, organizationName: organizations.name })
    .from(organizationDomains)
    .innerJoin(organizations, eq(organizations.id, organizationDomains.organizationId))
    .where(and(eq(organizationDomains.domain, domain.toLowerCase()), isNotNull(organizationDomains.verifiedAt), ne(organizationDomains.ssoEnforcement, "")));
  const kind = row && requiredSignInKind(row.domain.ssoEnforcement);
  if (!row || !kind) return null;
  return {
    domainId: row.domain.id,
    domain: row.domain.domain,
    organizationName: row.organizationName,
    enforcement: row.domain.ssoEnforcement as SsoEnforcement,
    kind,
    samlConnectionId: kind === "saml" ? row.domain.id : null,
  };
}

/** The words for a required method, as the sign-in pages name it. */
export const SIGN_IN_METHOD_NAMES: Record<string, string> = {
  saml: "your organization's SAML single sign-on",
  oidc: "OpenID Connect single sign-on",
  "google-oauth2": "Google",
  github: "GitHub",
  gitlab: "GitLab",
};

/**
 * The ways an address may sign in, for the email-first sign-in page: the required one when its domain enforces single
 * sign-on; otherwise the OpenID Connect provider, plus the SAML connection of its verified domain when one is set up.
 */
export async function signInRoutesFor(db: Executor, email: string): Promise<{ required: SsoRequirement | null; samlConnectionId: string | null; organizationName: string | null }> {
  const required = await ssoRequirementFor(db, email);
  if (required) return { required, samlConnectionId: required.samlConnectionId, organizationName: required.organizationName };
  const [row] = await db
    .select({ domain: organizationDomains, organizationName: organizations.name })
    .from(organizationDomains)
    .innerJoin(organizations, eq(organizations.id, organizationDomains.organizationId))
    .where(and(eq(organizationDomains.domain, emailDomain(email)), isNotNull(organizationDomains.verifiedAt)));
  const saml = row && hasSaml(row.domain) ? row.domain.id : null;
  return { required: null, samlConnectionId: saml, organizationName: saml ? row.organizationName : null };
}
