import { env } from "../../env";

/**
 * What an identity provider is told about us for one SAML connection (a domain or an identity-provider config, by
 * id): our entity id is the metadata URL itself, responses come back to the ACS URL, and sign-in starts at login.
 */
export function samlServiceProviderUrls(id: string) {
  const base = `${env().SITE_URL}/saml/${id}`;
  return { entityId: `${base}/metadata`, metadataUrl: `${base}/metadata`, acsUrl: `${base}/acs`, loginUrl: `${base}/login` };
}
