import { and, eq, isNotNull } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { identityProviderConfigs, organizationDomains } from "../../../db/schema";
import { certificatePems } from "./certificate";
import { isUuid } from "../../schemas/common";
import { hasSaml } from "../domain-rows";
import { samlServiceProviderUrls } from "./urls";

/**
 * One SAML connection, by the id in its URLs: a domain (its own IdP values, or those copied from a linked config) or an
 * identity-provider config. `domains` are the verified domains whose addresses it may sign in: the domain itself, or
 * the verified domains of the config's organization that link the config.
 */
export type SamlConnection = {
  id: string;
  organizationId: string;
  idpEntityId: string;
  idpSsoUrl: string;
  certificates: string[];
  allowIdpInitiated: boolean;
  domains: string[];
  sp: ReturnType<typeof samlServiceProviderUrls>;
};

type IdpValues = Pick<typeof organizationDomains.$inferSelect, "samlEntityId" | "samlAcsUrl" | "samlX509Cert" | "samlAllowIdpInitiated">;

function connectionOf(id: string, organizationId: string, row: IdpValues & Parameters<typeof hasSaml>[0], domains: string[]): SamlConnection | null {
  if (!hasSaml(row)) return null;
  return {
    id,
    organizationId,
    idpEntityId: row.samlEntityId!,
    idpSsoUrl: row.samlAcsUrl!,
    certificates: certificatePems(row.samlX509Cert!),
    allowIdpInitiated: row.samlAllowIdpInitiated,
    domains,
    sp: samlServiceProviderUrls(id),
  };
}

/** The connection with this id when its SAML values are complete; null for an unknown id or an unfinished setup. */
export async function findSamlConnection(db: Executor, id: string): Promise<SamlConnection | null> {
  if (!isUuid(id)) return null;
  const key = id.toLowerCase();
  const [domain] = await db.select().from(organizationDomains).where(eq(organizationDomains.id, key));
  if (domain) return connectionOf(key, domain.organizationId, domain, domain.verifiedAt ? [domain.domain] : []);
  const [config] = await db.select().from(identityProviderConfigs).where(eq(identityProviderConfigs.id, key));
  if (!config) return null;
  const linked = await db
    .select({ domain: organizationDomains.domain })
    .from(organizationDomains)
    .where(and(eq(organizationDomains.identityProviderConfigId, key), isNotNull(organizationDomains.verifiedAt)));
  return connectionOf(key, config.organizationId, config, linked.map((d) => d.domain));
}

/** Whether a domain or an identity-provider config has this id: its metadata is served before its IdP side is set. */
export async function samlConnectionExists(db: Executor, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const key = id.toLowerCase();
  const [domain] = await db.select({ id: organizationDomains.id }).from(organizationDomains).where(eq(organizationDomains.id, key));
  if (domain) return true;
  const [config] = await db.select({ id: identityProviderConfigs.id }).from(identityProviderConfigs).where(eq(identityProviderConfigs.id, key));
  return Boolean(config);
}
