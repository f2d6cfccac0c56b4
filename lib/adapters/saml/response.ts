import { SAML, SamlStatusError, type Profile } from "@node-saml/node-saml";
import { parseDomFromString } from "@node-saml/node-saml/lib/xml";
import { hasTrustedSignature } from "./signature";

/** Why a SAML response was refused; each has a sentence for the person signing in (`SAML_REFUSALS`). */
export type SamlResponseRefusal =
  | "malformed"
  | "unsigned"
  | "encrypted"
  | "expired"
  | "wrong_issuer"
  | "wrong_audience"
  | "wrong_recipient"
  | "wrong_destination"
  | "idp_error";

export type SamlConnectionKeys = {
  /** The identity provider's entity id (the Issuer it must send). */
  idpEntityId: string;
  /** Its signing certificates, PEM. */
  certificates: string[];
  /** Our entity id and assertion consumer URL for this connection. */
  spEntityId: string;
  acsUrl: string;
};

export type SamlAssertion = {
  assertionId: string;
  /** The request this answers (SubjectConfirmationData or Response InResponseTo); null when the IdP started it. */
  inResponseTo: string | null;
  nameId: string;
  email: string;
  givenName: string;
  familyName: string;
  /** The assertion's AuthnContextClassRef: how the person authenticated at the identity provider. */
  authnContextClassRef: string;
  /** Until when the assertion could be presented: replay protection keeps its id until then. */
  validUntil: Date;
};

/** The time skew allowed between the identity provider's clock and ours. */
export const SAML_CLOCK_SKEW_MS = 90_000;
const ASSERTION_LIFETIME_FALLBACK_MS = 10 * 60_000;

type Checks = {
  /**
   * Issuer, audience, recipient, destination and time. Off only to check signatures alone (the outside corpus of
   * signed responses carries fixed issuers, hosts and old timestamps).
   */
  claims: boolean;
};

const ATTRIBUTE_NAMES = {
  email: ["email", "mail", "emailaddress", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", "urn:oid:0.9.2342.19200300.100.1.3"],
  givenName: ["firstName", "givenName", "given_name", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname", "urn:oid:2.5.4.42"],
  familyName: ["lastName", "surname", "sn", "family_name", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname", "urn:oid:2.5.4.4"],
};

const first = (v: unknown): string => (Array.isArray(v) ? first(v[0]) : typeof v === "string" ? v.trim() : "");
const attribute = (profile: Profile, names: string[]) => {
  const attributes = (profile.attributes ?? {}) as Record<string, unknown>;
  for (const name of names) if (first(attributes[name])) return first(attributes[name]);
  return "";
};

type XmlNode = { $?: Record<string, string>; _?: string } & Record<string, unknown>;
const child = (node: XmlNode | undefined, name: string) => (node?.[name] as XmlNode[] | undefined)?.[0];

function refusalOf(error: unknown): SamlResponseRefusal {
  if (error instanceof SamlStatusError) return "idp_error";
  const message = error instanceof Error ? error.message : "";
  if (/expired|not yet valid|too old/i.test(message)) return "expired";
  if (/audience/i.test(message)) return "wrong_audience";
  if (/signature/i.test(message)) return "unsigned";
  return "malformed";
}

/** Whether an AuthnContextClassRef says the person passed more than one factor at the identity provider. */
export const isMultiFactorClass = (classRef: string) =>
  classRef === "http://schemas.microsoft.com/claims/multipleauthn" || /MultiFactor|TwoFactor/i.test(classRef);

/**
 * Validates a POSTed SAMLResponse (base64) for one connection. At least one signature (response or assertion) must
 * verify against the configured certificate, checked by us before node-saml runs (which then only reads what was
 * signed). With claims checked: the assertion's issuer is the IdP's entity id, its audience our entity id, its
 * recipient and the response's destination our ACS URL, and its times hold within 90 s. Encrypted assertions are
 * refused: we publish no encryption key. InResponseTo and replay are the caller's (they need the database).
 */
export async function validateSamlResponse(
  samlResponse: string,
  keys: SamlConnectionKeys,
  checks: Checks = { claims: true },
): Promise<{ ok: true; assertion: SamlAssertion } | { ok: false; reason: SamlResponseRefusal }> {
  const xml = Buffer.from(samlResponse, "base64").toString("utf8");
  if (/<(\w+:)?EncryptedAssertion[\s>]/.test(xml)) return { ok: false, reason: "encrypted" };
  if (!(await hasTrustedSignature(xml, keys.certificates))) return { ok: false, reason: "unsigned" };
  const saml = new SAML({
    callbackUrl: keys.acsUrl,
    issuer: keys.spEntityId,
    idpCert: keys.certificates,
    audience: checks.claims ? keys.spEntityId : false,
    wantAuthnResponseSigned: false,
    wantAssertionsSigned: false,
    acceptedClockSkewMs: checks.claims ? SAML_CLOCK_SKEW_MS : -1,
    validateInResponseTo: "never" as never,
  });
  let profile: Profile;
  try {
    const result = await saml.validatePostResponseAsync({ SAMLResponse: samlResponse });
    if (!result.profile) return { ok: false, reason: "malformed" };
    profile = result.profile;
  } catch (error) {
    return { ok: false, reason: refusalOf(error) };
  }
  const assertion = (profile.getAssertion?.() as { Assertion?: XmlNode } | undefined)?.Assertion;
  if (!assertion?.$?.ID) return { ok: false, reason: "malformed" };
  const confirmation = child(child(child(assertion, "Subject"), "SubjectConfirmation"), "SubjectConfirmationData")?.$ ?? {};
  const response = (await responseAttributes(xml)) ?? {};
  if (confirmation.InResponseTo && response.InResponseTo && confirmation.InResponseTo !== response.InResponseTo) {
    return { ok: false, reason: "malformed" };
  }
  if (checks.claims) {
    if (profile.issuer !== keys.idpEntityId) return { ok: false, reason: "wrong_issuer" };
    if (confirmation.Recipient !== keys.acsUrl) return { ok: false, reason: "wrong_recipient" };
    if (response.Destination !== undefined && response.Destination !== keys.acsUrl) return { ok: false, reason: "wrong_destination" };
  }
  const conditions = child(assertion, "Conditions")?.$ ?? {};
  const until = Date.parse(confirmation.NotOnOrAfter ?? conditions.NotOnOrAfter ?? "");
  const nameId = first(profile.nameID);
  return {
    ok: true,
    assertion: {
      assertionId: assertion.$.ID,
      inResponseTo: confirmation.InResponseTo ?? response.InResponseTo ?? null,
      nameId,
      email: attribute(profile, ATTRIBUTE_NAMES.email) || first(profile.email) || (nameId.includes("@") ? nameId : ""),
      givenName: attribute(profile, ATTRIBUTE_NAMES.givenName),
      familyName: attribute(profile, ATTRIBUTE_NAMES.familyName),
      authnContextClassRef: first(child(child(child(assertion, "AuthnStatement"), "AuthnContext"), "AuthnContextClassRef")?._),
      validUntil: new Date((Number.isNaN(until) ? Date.now() + ASSERTION_LIFETIME_FALLBACK_MS : until) + SAML_CLOCK_SKEW_MS),
    },
  };
}

/** The Response element's own attributes (Destination, InResponseTo). */
async function responseAttributes(xml: string): Promise<Record<string, string> | null> {
  const root = (await parseDomFromString(xml)).documentElement;
  if (!root) return null;
  const read = (name: string) => (root.hasAttribute(name) ? root.getAttribute(name)! : undefined);
  return Object.fromEntries(["Destination", "InResponseTo"].flatMap((n) => (read(n) === undefined ? [] : [[n, read(n)!]])));
}
