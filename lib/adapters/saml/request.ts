import { SAML } from "@node-saml/node-saml";

const EMAIL_FORMAT = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

type ServiceProvider = { spEntityId: string; acsUrl: string };

const samlFor = (sp: ServiceProvider, idpSsoUrl?: string, requestId?: string) =>
  new SAML({
    callbackUrl: sp.acsUrl,
    issuer: sp.spEntityId,
    entryPoint: idpSsoUrl,
    // Only building requests and metadata here: responses are validated in `validateSamlResponse`.
    idpCert: "unused",
    identifierFormat: EMAIL_FORMAT,
    disableRequestedAuthnContext: true,
    wantAuthnResponseSigned: false,
    ...(requestId && { generateUniqueId: () => requestId }),
  });

/** The identity provider's sign-on URL carrying an AuthnRequest with this ID (HTTP-Redirect binding, unsigned). */
export async function authnRequestUrl(sp: ServiceProvider, idpSsoUrl: string, requestId: string): Promise<string> {
  return samlFor(sp, idpSsoUrl, requestId).getAuthorizeUrlAsync("", undefined, {});
}

/** Our metadata for one connection: entity id, the ACS URL (HTTP-POST) and the email NameID format. */
export function serviceProviderMetadata(sp: ServiceProvider): string {
  return samlFor(sp).generateServiceProviderMetadata(null, null);
}
