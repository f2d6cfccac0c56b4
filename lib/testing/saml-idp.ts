import { randomUUID } from "node:crypto";
import * as xmllint from "@authenio/samlify-node-xmllint";
import samlify from "samlify";
import { generate } from "selfsigned";

const EMAIL_FORMAT = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
samlify.setSchemaValidator(xmllint);

export type TestServiceProvider = { entityId: string; acsUrl: string };

/** Template values a test may override to make a response wrong in one way (see samlify's login response template). */
export type ResponseOverrides = Partial<{
  Issuer: string;
  Audience: string;
  Destination: string;
  SubjectRecipient: string;
  InResponseTo: string;
  ConditionsNotBefore: string;
  ConditionsNotOnOrAfter: string;
  SubjectConfirmationDataNotOnOrAfter: string;
  AssertionID: string;
}>;

export type TestPerson = { email: string; givenName?: string; familyName?: string; authnContextClassRef?: string };

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

/**
 * A SAML identity provider for tests, made with samlify (its messages schema-checked by xmllint): a fresh key pair
 * and self-signed certificate, metadata, AuthnRequest parsing and signed login responses that a test can make wrong
 * in one field at a time.
 */
export async function createTestIdp(options: { entityId?: string; ssoUrl?: string } = {}) {
  const entityId = options.entityId ?? `https://idp.test/${randomUUID()}`;
  const ssoUrl = options.ssoUrl ?? `${entityId}/sso`;
  const keys = await generate([{ name: "commonName", value: "Orgdeck test IdP" }], { keySize: 2048, algorithm: "sha256" });
  const idp = samlify.IdentityProvider({
    entityID: entityId,
    privateKey: keys.private,
    signingCert: keys.cert,
    nameIDFormat: [EMAIL_FORMAT],
    singleLogoutService: [{ Binding: samlify.Constants.namespace.binding.redirect, Location: `${entityId}/slo` }],
    singleSignOnService: [
      { Binding: samlify.Constants.namespace.binding.redirect, Location: ssoUrl },
      { Binding: samlify.Constants.namespace.binding.post, Location: ssoUrl },
    ],
  });

  const serviceProvider = (sp: TestServiceProvider, sign: "assertion" | "response") =>
    samlify.ServiceProvider({
      entityID: sp.entityId,
      assertionConsumerService: [{ Binding: samlify.Constants.namespace.binding.post, Location: sp.acsUrl }],
      wantAssertionsSigned: sign === "assertion",
      wantMessageSigned: sign === "response",
    });

  /** A base64 SAMLResponse for one person, signed on the assertion (default) or the whole response. */
  async function respond(
    sp: TestServiceProvider,
    person: TestPerson,
    extra: { inResponseTo?: string; sign?: "assertion" | "response"; overrides?: ResponseOverrides } = {},
  ): Promise<string> {
    const now = new Date();
    const later = new Date(now.getTime() + 5 * 60_000).toISOString();
    const values: Record<string, string> = {
      ID: `_${randomUUID()}`,
      AssertionID: `_${randomUUID()}`,
      Destination: sp.acsUrl,
      Audience: sp.entityId,
      SubjectRecipient: sp.acsUrl,
      Issuer: entityId,
      IssueInstant: now.toISOString(),
      StatusCode: "urn:oasis:names:tc:SAML:2.0:status:Success",
      ConditionsNotBefore: now.toISOString(),
      ConditionsNotOnOrAfter: later,
      SubjectConfirmationDataNotOnOrAfter: later,
      NameIDFormat: EMAIL_FORMAT,
      NameID: person.email,
      InResponseTo: extra.inResponseTo ?? "",
      ...extra.overrides,
    };
    const authn = `<saml:AuthnStatement AuthnInstant="${values.IssueInstant}" SessionIndex="${values.AssertionID}"><saml:AuthnContext><saml:AuthnContextClassRef>${escape(
      person.authnContextClassRef ?? "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
    )}</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`;
    const attribute = (name: string, value: string | undefined) =>
      value ? `<saml:Attribute Name="${name}"><saml:AttributeValue xsi:type="xs:string">${escape(value)}</saml:AttributeValue></saml:Attribute>` : "";
    const attributes = `<saml:AttributeStatement>${attribute("email", person.email)}${attribute("firstName", person.givenName)}${attribute("lastName", person.familyName)}</saml:AttributeStatement>`;
    const { context } = await idp.createLoginResponse(serviceProvider(sp, extra.sign ?? "assertion"), { extract: {} } as never, "post", { email: person.email }, {
      customTagReplacement: (template: string) => {
        let xml = samlify.SamlLib.replaceTagsByValue(template, values);
        if (!extra.inResponseTo && !extra.overrides?.InResponseTo) xml = xml.replace(/ InResponseTo=""/g, "");
        return { id: values.ID, context: xml.replace("{AuthnStatement}", authn).replace("{AttributeStatement}", attributes) };
      },
    });
    return context;
  }

  /** An AuthnRequest sent by HTTP-Redirect (the URL the SP sent the browser to): its ID, and who sent it where to answer. */
  async function readRequest(redirectUrl: string): Promise<{ id: string; sp: TestServiceProvider }> {
    const query = Object.fromEntries(new URL(redirectUrl).searchParams);
    const sender = samlify.ServiceProvider({ entityID: "unknown", assertionConsumerService: [] });
    const { extract } = await idp.parseLoginRequest(sender, "redirect", { query, octetString: "" });
    const request = extract.request as { id: string; assertionConsumerServiceUrl: string };
    return { id: request.id, sp: { entityId: extract.issuer as string, acsUrl: request.assertionConsumerServiceUrl } };
  }

  /** The ID of an AuthnRequest the given SP sent by HTTP-Redirect. */
  async function requestIdOf(sp: TestServiceProvider, redirectUrl: string): Promise<string> {
    const request = await readRequest(redirectUrl);
    if (request.sp.entityId !== sp.entityId || request.sp.acsUrl !== sp.acsUrl) throw new Error(`The request came from ${JSON.stringify(request.sp)}`);
    return request.id;
  }

  return { entityId, ssoUrl, certificate: keys.cert, privateKey: keys.private, metadata: idp.getMetadata(), respond, readRequest, requestIdOf };
}

export type TestIdp = Awaited<ReturnType<typeof createTestIdp>>;
