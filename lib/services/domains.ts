import { randomBytes } from "node:crypto";
import { asc, count, eq } from "drizzle-orm";
import { organizationDomains } from "../../db/schema";
import type { Executor } from "../../db/client";
import { type Principal, USER_CALLERS } from "../auth/principal";
import { generateScimToken, sha256 } from "../auth/tokens";
import { AppError } from "../errors";
import { paginationQuery } from "../schemas/common";
import { createDomainInput, domainIdInput, updateDomainByIdInput, type UpdateDomainInput } from "../schemas/domains";
import { diffChanges, recordActivity, wholeObjectChanges } from "./activity";
import { isUniqueViolation } from "./db-errors";
import {
  challengeName,
  checkIdpUrl,
  DOMAIN_SCOPE,
  domainOf,
  identityProviderColumns,
  linkedConfigOf,
  scimBaseUrl,
  scimSwitch,
  serializeDomain,
  type DomainRow,
} from "./domain-rows";
import { operation } from "./operation";
import { Page } from "./page";

/** The fields an unverified domain may not change, in the order the first one sent is reported. */
const VERIFICATION_GATED = ["jit_provisioning_enabled", "sso_enforcement", "scim_enabled", "id_jag_issuer_url", "id_jag_jwks_url", "id_jag_allowed_clients"] as const;

const domainTaken = () => new AppError("unique", { detail: "domain with this domain already exists.", attr: "domain" });

/** What the activity log compares: the wire object without secrets. */
const auditedFields = (row: DomainRow) => {
  const { scim_bearer_token: _token, ...rest } = serializeDomain(row);
  return rest;
};

export const listDomains = operation({
  permission: "organization_domain:read",
  callers: USER_CALLERS,
  input: paginationQuery,
  run: async ({ db, organization }, { limit, offset }) => {
    const where = eq(organizationDomains.organizationId, organization.id);
    const [rows, [total]] = await Promise.all([
      db.select().from(organizationDomains).where(where).orderBy(asc(organizationDomains.domain)).limit(limit).offset(offset),
      db.select({ n: count() }).from(organizationDomains).where(where),
    ]);
    return new Page(rows.map((row) => serializeDomain(row)), total.n, { limit, offset });
  },
});

/**
 * Claims a domain for an organization inside the caller's transaction, unverified (it proves it later with a DNS
 * record), with its audit entry. A domain any organization has claimed, verified or not, is 400 `unique`.
 */
export async function claimDomain(tx: Executor, principal: Principal, organizationId: string, domain: string, now: Date) {
  const [taken] = await tx.select({ id: organizationDomains.id }).from(organizationDomains).where(eq(organizationDomains.domain, domain));
  if (taken) throw domainTaken();
  try {
    const [row] = await tx
      .insert(organizationDomains)
      .values({ organizationId, domain, verificationChallenge: randomBytes(32).toString("base64url"), createdAt: now })
      .returning();
    const changes = wholeObjectChanges(DOMAIN_SCOPE, "created", auditedFields(row));
    await recordActivity(tx, principal, { organizationId, scope: DOMAIN_SCOPE, itemId: row.id, activity: "created", name: domain, changes }, now);
    return row;
  } catch (err) {
    if (isUniqueViolation(err)) throw domainTaken();
    throw err;
  }
}

/** Claims a domain for the organization; it proves it later with a DNS record. Other settings wait for that proof. */
export const createDomain = operation({
  permission: "organization_domain:write",
  callers: USER_CALLERS,
  input: createDomainInput,
  run: async ({ db, organization, principal, now }, { domain }) =>
    serializeDomain(await db.transaction((tx) => claimDomain(tx, principal, organization.id, domain, now))),
});

export const getDomain = operation({
  permission: "organization_domain:read",
  callers: USER_CALLERS,
  input: domainIdInput,
  run: async ({ db, organization }, { id }) => serializeDomain(await domainOf(db, organization.id, id)),
});

/** The columns an update writes: a linked config's SAML and ID-JAG values first, then the fields sent. */
function columnsOf(input: UpdateDomainInput, linked: Awaited<ReturnType<typeof linkedConfigOf>> | null) {
  const fromConfig = linked
    ? {
        samlEntityId: linked.samlEntityId,
        samlAcsUrl: linked.samlAcsUrl,
        samlX509Cert: linked.samlX509Cert,
        samlAllowIdpInitiated: linked.samlAllowIdpInitiated,
        idJagIssuerUrl: linked.idJagIssuerUrl,
        idJagJwksUrl: linked.idJagJwksUrl,
        idJagAllowedClients: linked.idJagAllowedClients,
      }
    : {};
  const sent = {
    jitProvisioningEnabled: input.jit_provisioning_enabled,
    ssoEnforcement: input.sso_enforcement,
    ...(input.identity_provider_config !== undefined && { identityProviderConfigId: linked?.id ?? null }),
  };
  return { ...fromConfig, ...Object.fromEntries(Object.entries(sent).filter(([, v]) => v !== undefined)), ...identityProviderColumns(input) };
}

/**
 * Changes a domain's settings. Until the domain is verified, JIT, enforcement, SCIM and ID-JAG stay as they are (400
 * on the first such field sent). Turning SCIM on makes a token, returned in this response only; off clears it.
 */
export const updateDomain = operation({
  permission: "organization_domain:write",
  callers: USER_CALLERS,
  input: updateDomainByIdInput,
  run: async ({ db, organization, principal, now }, { id, ...input }) =>
    db.transaction(async (tx) => {
      const before = await domainOf(tx, organization.id, id, { lock: true });
      if (!before.verifiedAt) {
        const gated = VERIFICATION_GATED.find((field) => input[field] !== undefined);
        if (gated) throw new AppError("verification_required", { attr: gated });
      }
      checkIdpUrl(input.id_jag_issuer_url, "id_jag_issuer_url");
      checkIdpUrl(input.id_jag_jwks_url, "id_jag_jwks_url");
      const linked = input.identity_provider_config ? await linkedConfigOf(tx, organization.id, input.identity_provider_config) : null;
      const scim = scimSwitch(before.scimEnabled, input.scim_enabled);
      const token = scim.token;
      const columns = { ...columnsOf(input, linked), ...scim.columns };
      // An empty PATCH, or one that changes nothing, writes nothing.
      const [after] = Object.keys(columns).length === 0 ? [before] : await tx.update(organizationDomains).set(columns).where(eq(organizationDomains.id, before.id)).returning();
      const changes = diffChanges(DOMAIN_SCOPE, auditedFields(before), auditedFields(after));
      if (changes.length > 0) {
        await recordActivity(tx, principal, { organizationId: organization.id, scope: DOMAIN_SCOPE, itemId: after.id, activity: "updated", name: after.domain, changes }, now);
      }
      return serializeDomain(after, token);
    }),
});

export const deleteDomain = operation({
  permission: "organization_domain:write",
  callers: USER_CALLERS,
  input: domainIdInput,
  run: async ({ db, organization, principal, now }, { id }) => {
    await db.transaction(async (tx) => {
      const row = await domainOf(tx, organization.id, id, { lock: true });
      await tx.delete(organizationDomains).where(eq(organizationDomains.id, row.id));
      const changes = wholeObjectChanges(DOMAIN_SCOPE, "deleted", auditedFields(row));
      await recordActivity(tx, principal, { organizationId: organization.id, scope: DOMAIN_SCOPE, itemId: row.id, activity: "deleted", name: row.domain, changes }, now);
    });
    return null;
  },
});

/**
 * Looks for the TXT record `_orgdeck-challenge.<domain>` holding the domain's challenge. Always answers the domain:
 * `is_verified` says whether the record was found. No cooldown: an admin may retry at once after fixing DNS.
 */
export const verifyDomain = operation({
  permission: "organization_domain:admin",
  callers: USER_CALLERS,
  input: domainIdInput,
  run: async ({ db, organization, principal, now, adapters }, { id }) => {
    const row = await domainOf(db, organization.id, id);
    if (row.verifiedAt) throw new AppError("already_verified");
    const records = await adapters.dns.txt(challengeName(row.domain));
    const found = (records ?? []).some((strings) => strings[0] === row.verificationChallenge);
    return db.transaction(async (tx) => {
      const current = await domainOf(tx, organization.id, id, { lock: true });
      if (current.verifiedAt) return serializeDomain(current);
      const [after] = await tx
        .update(organizationDomains)
        .set(found ? { verifiedAt: now, lastVerificationRetry: null, dnsCheckedAt: now, dnsMissingSince: null } : { lastVerificationRetry: now })
        .where(eq(organizationDomains.id, current.id))
        .returning();
      if (found) {
        const changes = diffChanges(DOMAIN_SCOPE, auditedFields(current), auditedFields(after));
        await recordActivity(tx, principal, { organizationId: organization.id, scope: DOMAIN_SCOPE, itemId: after.id, activity: "verified", name: after.domain, changes }, now);
      }
      return serializeDomain(after);
    });
  },
});

/** A new SCIM token for a domain whose SCIM is on; the old one stops working at once. Shown this once. */
export const regenerateDomainScimToken = operation({
  permission: "organization_domain:admin",
  callers: USER_CALLERS,
  input: domainIdInput,
  run: async ({ db, organization, principal, now }, { id }) =>
    db.transaction(async (tx) => {
      const row = await domainOf(tx, organization.id, id, { lock: true });
      if (!row.scimEnabled) throw new AppError("scim_not_enabled", { detail: "SCIM is not enabled for this domain" });
      const token = generateScimToken();
      await tx.update(organizationDomains).set({ scimTokenHash: sha256(token) }).where(eq(organizationDomains.id, row.id));
      await recordActivity(tx, principal, { organizationId: organization.id, scope: DOMAIN_SCOPE, itemId: row.id, activity: "scim_token_regenerated", name: row.domain }, now);
      return { scim_enabled: true as const, scim_base_url: scimBaseUrl(row.id), scim_bearer_token: token };
    }),
});
