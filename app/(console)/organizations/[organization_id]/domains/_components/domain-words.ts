import type { SsoEnforcement } from "@/lib/schemas/domains";

/** "Require single sign-on" in words, for the select and the list. */
export const ENFORCEMENT_LABELS: Record<SsoEnforcement, string> = {
  "": "Off: any sign-in method",
  saml: "SAML (this domain's identity provider)",
  oidc: "OpenID Connect",
  "google-oauth2": "Google",
  github: "GitHub",
  gitlab: "GitLab",
};

/** The short form for a table cell. */
export const enforcementShort = (value: SsoEnforcement) => (value === "" ? "Off" : ENFORCEMENT_LABELS[value].replace(/ \(.*\)$/, ""));

/** Why the verification-gated controls are disabled. */
export const VERIFY_FIRST = "Verify the domain first.";

export type SamlValues = { saml_entity_id: string | null; saml_acs_url: string | null; saml_x509_cert: string | null; saml_allow_idp_initiated: boolean };

/** A key that changes with the saved SAML values, so the form starts over from them after an import or a save. */
export const samlKey = (v: SamlValues) => [v.saml_entity_id, v.saml_acs_url, v.saml_x509_cert, v.saml_allow_idp_initiated].join("\n");
