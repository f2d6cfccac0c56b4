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
