import { and, eq } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { identityProviderConfigs, organizationDomains } from "../../../db/schema";
import { USER_CALLERS } from "../../auth/principal";
import { AppError, notFound } from "../../errors";
import { outboundFetch } from "../../outbound/outbound-fetch";
import { OutboundError } from "../../outbound/outbound-error";
import { isUuid } from "../../schemas/common";
import { identityProviderFields } from "../../schemas/domains";
import { importSamlMetadataInput } from "../../schemas/saml";
import { updateDomain } from "../domains";
import { updateIdentityProviderConfig } from "../identity-provider-configs";
import { operation } from "../operation";
import { parseIdpMetadata, type IdpMetadata } from "./idp-metadata";

export { parseIdpMetadata, type IdpMetadata } from "./idp-metadata";

/** Whether an id names one of the organization's domains or identity-provider configs; 404 when neither. */
async function connectionKindOf(db: Executor, organizationId: string, id: string): Promise<"domain" | "config"> {
  if (!isUuid(id)) throw notFound();
  const key = id.toLowerCase();
  const [domain] = await db
    .select({ id: organizationDomains.id })
    .from(organizationDomains)
    .where(and(eq(organizationDomains.id, key), eq(organizationDomains.organizationId, organizationId)));
  if (domain) return "domain";
  const [config] = await db
    .select({ id: identityProviderConfigs.id })
    .from(identityProviderConfigs)
    .where(and(eq(identityProviderConfigs.id, key), eq(identityProviderConfigs.organizationId, organizationId)));
  if (config) return "config";
  throw notFound();
}

async function fetchMetadata(url: string): Promise<string> {
  const failed = (reason: string) => new AppError("invalid_input", { detail: `Could not fetch the metadata: ${reason}`, attr: "metadata_url" });
  try {
    const res = await outboundFetch(url, { headers: { accept: "application/samlmetadata+xml, application/xml, text/xml" } });
    if (!res.ok) throw failed(`the server answered HTTP ${res.status}.`);
    return res.text();
  } catch (err) {
    if (err instanceof OutboundError) throw failed(err.message);
    throw err;
  }
}

/** The SAML columns the metadata sets, held to the same limits as the fields an admin types. */
function samlFieldsOf(metadata: IdpMetadata) {
  const fields = {
    saml_entity_id: metadata.entityId,
    saml_acs_url: metadata.ssoUrl,
    // Every signing certificate is kept, so a rollover the IdP announces in advance keeps working.
    saml_x509_cert: metadata.certificates.join("\n"),
  };
  for (const [field, value] of Object.entries(fields)) {
    const result = identityProviderFields[field as keyof typeof fields].safeParse(value);
    if (!result.success) throw new AppError("invalid_input", { detail: `The metadata's value for ${field} is not accepted: ${result.error.issues[0].message}`, attr: "metadata_xml" });
  }
  return fields;
}

/**
 * Sets a domain's or identity-provider config's SAML entity id, sign-on URL and signing certificates from the IdP's
 * metadata, pasted or fetched through the outbound rule; recorded as an update of that domain or config.
 */
export const importSamlMetadata = operation({
  permission: "organization_domain:write",
  callers: USER_CALLERS,
  input: importSamlMetadataInput,
  run: async (ctx, { id, metadata_xml, metadata_url }) => {
    const kind = await connectionKindOf(ctx.db, ctx.organization.id, id);
    let fields;
    if (metadata_url !== undefined) {
      const xml = await fetchMetadata(metadata_url);
      try {
        fields = samlFieldsOf(parseIdpMetadata(xml));
      } catch (err) {
        throw err instanceof AppError ? err.withAttr("metadata_url") : err;
      }
    } else {
      fields = samlFieldsOf(parseIdpMetadata(metadata_xml ?? ""));
    }
    // The update operations hold the rules of writing these columns and their activity entry; the permission they
    // declare is this one's, already checked.
    return kind === "domain" ? updateDomain.run(ctx, { id, ...fields }) : updateIdentityProviderConfig.run(ctx, { id, ...fields });
  },
});
