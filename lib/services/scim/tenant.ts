import { timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { identityProviderConfigs, organizationDomains } from "../../../db/schema";
import type { Principal, ScimTarget } from "../../auth/principal";
import { sha256 } from "../../auth/tokens";
import { isUuid } from "../../schemas/common";

/** A SCIM tenant: the verified domain or identity-provider config whose base URL and token a SCIM client holds. */
export type ScimTenant = { target: ScimTarget; organizationId: string; label: string; tokenHash: string | null };

/** The tenant with this id, whatever the state of its SCIM switch; null for an unknown id or an unverified domain. */
export async function scimTenantOf(db: Executor, id: string): Promise<ScimTenant | null> {
  if (!isUuid(id)) return null;
  const key = id.toLowerCase();
  const [domain] = await db.select().from(organizationDomains).where(eq(organizationDomains.id, key));
  if (domain) {
    if (!domain.verifiedAt) return null;
    return { target: { kind: "domain", id: key }, organizationId: domain.organizationId, label: `SCIM (${domain.domain})`, tokenHash: domain.scimEnabled ? domain.scimTokenHash : null };
  }
  const [config] = await db.select().from(identityProviderConfigs).where(eq(identityProviderConfigs.id, key));
  if (!config) return null;
  return {
    target: { kind: "identity_provider_config", id: key },
    organizationId: config.organizationId,
    label: `SCIM (${config.name || "identity provider"})`,
    tokenHash: config.scimEnabled ? config.scimTokenHash : null,
  };
}

const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The SCIM caller of a tenant's base URL: its token must match the SHA-256 stored on that very domain or config (a
 * token of another tenant never does), with SCIM on. Null for any other token.
 */
export function scimPrincipal(tenant: ScimTenant | null, token: string): Principal | null {
  if (!tenant?.tokenHash || !sameHash(sha256(token), tenant.tokenHash)) return null;
  return { kind: "scim", user: null, organizationId: tenant.organizationId, target: tenant.target, label: tenant.label };
}
