import { and, asc, count, eq } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { identityProviderConfigs } from "../../db/schema";
import { USER_CALLERS } from "../auth/principal";
import { generateScimToken, sha256 } from "../auth/tokens";
import { AppError, notFound } from "../errors";
import { isUuid, paginationQuery } from "../schemas/common";
import { createIdentityProviderConfigInput, domainIdInput, updateIdentityProviderConfigInput, type IdentityProviderConfig, type IdentityProviderConfigInput } from "../schemas/domains";
import { diffChanges, recordActivity, wholeObjectChanges } from "./activity";
import { checkIdpUrl, identityProviderColumns, identityProviderWire, scimSwitch } from "./domain-rows";
import { operation } from "./operation";
import { Page } from "./page";
import { iso } from "./serialize";

type ConfigRow = typeof identityProviderConfigs.$inferSelect;
const SCOPE = "IdentityProviderConfig";

function serializeConfig(row: ConfigRow, scimToken: string | null = null): IdentityProviderConfig {
  return {
    id: row.id,
    name: row.name,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
    ...identityProviderWire(row, scimToken),
  };
}

const audited = (row: ConfigRow) => {
  const { scim_bearer_token: _token, updated_at: _updated, ...rest } = serializeConfig(row);
  return rest;
};

/** The columns the fields sent set; `scim_enabled` is handled with its token. */
const columnsOf = (input: IdentityProviderConfigInput) => ({ ...(input.name !== undefined && { name: input.name }), ...identityProviderColumns(input) });

function checkUrls(input: IdentityProviderConfigInput) {
  checkIdpUrl(input.id_jag_issuer_url, "id_jag_issuer_url");
  checkIdpUrl(input.id_jag_jwks_url, "id_jag_jwks_url");
}

/** The organization's identity-provider config with this id (404 otherwise, an id of another organization included). */
export async function configOf(db: Executor, organizationId: string, id: string, { lock = false } = {}) {
  if (!isUuid(id)) throw notFound();
  const query = db
    .select()
    .from(identityProviderConfigs)
    .where(and(eq(identityProviderConfigs.id, id.toLowerCase()), eq(identityProviderConfigs.organizationId, organizationId)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFound();
  return row;
}

export const listIdentityProviderConfigs = operation({
  permission: "organization_domain:read",
  callers: USER_CALLERS,
  input: paginationQuery,
  run: async ({ db, organization }, { limit, offset }) => {
    const where = eq(identityProviderConfigs.organizationId, organization.id);
    const [rows, [total]] = await Promise.all([
      db.select().from(identityProviderConfigs).where(where).orderBy(asc(identityProviderConfigs.createdAt), asc(identityProviderConfigs.id)).limit(limit).offset(offset),
      db.select({ n: count() }).from(identityProviderConfigs).where(where),
    ]);
    return new Page(rows.map((row) => serializeConfig(row)), total.n, { limit, offset });
  },
});

/** A config is not tied to a domain, so nothing waits for verification; SCIM on at creation returns its token. */
export const createIdentityProviderConfig = operation({
  permission: "organization_domain:write",
  callers: USER_CALLERS,
  input: createIdentityProviderConfigInput,
  run: async ({ db, organization, principal, now }, input) => {
    checkUrls(input);
    const { token, columns: scim } = scimSwitch(false, input.scim_enabled);
    return db.transaction(async (tx) => {
      const [row] = await tx
        .insert(identityProviderConfigs)
        .values({ organizationId: organization.id, ...columnsOf(input), ...scim, createdAt: now, updatedAt: now })
        .returning();
      const changes = wholeObjectChanges(SCOPE, "created", audited(row));
      await recordActivity(tx, principal, { organizationId: organization.id, scope: SCOPE, itemId: row.id, activity: "created", name: row.name || "Identity provider", changes }, now);
      return serializeConfig(row, token);
    });
  },
});

export const getIdentityProviderConfig = operation({
  permission: "organization_domain:read",
  callers: USER_CALLERS,
  input: domainIdInput,
  run: async ({ db, organization }, { id }) => serializeConfig(await configOf(db, organization.id, id)),
});

export const updateIdentityProviderConfig = operation({
  permission: "organization_domain:write",
  callers: USER_CALLERS,
  input: updateIdentityProviderConfigInput,
  run: async ({ db, organization, principal, now }, { id, ...input }) =>
    db.transaction(async (tx) => {
      const before = await configOf(tx, organization.id, id, { lock: true });
      checkUrls(input);
      const { token, columns: scim } = scimSwitch(before.scimEnabled, input.scim_enabled);
      const [after] = await tx
        .update(identityProviderConfigs)
        .set({ ...columnsOf(input), ...scim, updatedAt: now })
        .where(eq(identityProviderConfigs.id, before.id))
        .returning();
      const changes = diffChanges(SCOPE, audited(before), audited(after));
      if (changes.length > 0) {
        await recordActivity(tx, principal, { organizationId: organization.id, scope: SCOPE, itemId: after.id, activity: "updated", name: after.name || "Identity provider", changes }, now);
      }
      return serializeConfig(after, token);
    }),
});

/** Deletes a config; domains linked to it keep their own copies of its values and are simply unlinked. */
export const deleteIdentityProviderConfig = operation({
  permission: "organization_domain:write",
  callers: USER_CALLERS,
  input: domainIdInput,
  run: async ({ db, organization, principal, now }, { id }) => {
    await db.transaction(async (tx) => {
      const row = await configOf(tx, organization.id, id, { lock: true });
      await tx.delete(identityProviderConfigs).where(eq(identityProviderConfigs.id, row.id));
      const changes = wholeObjectChanges(SCOPE, "deleted", audited(row));
      await recordActivity(tx, principal, { organizationId: organization.id, scope: SCOPE, itemId: row.id, activity: "deleted", name: row.name || "Identity provider", changes }, now);
    });
    return null;
  },
});

export const regenerateConfigScimToken = operation({
  permission: "organization_domain:admin",
  callers: USER_CALLERS,
  input: domainIdInput,
  run: async ({ db, organization, principal, now }, { id }) =>
    db.transaction(async (tx) => {
      const row = await configOf(tx, organization.id, id, { lock: true });
      if (!row.scimEnabled) throw new AppError("scim_not_enabled", { detail: "SCIM is not enabled for this config" });
      const token = generateScimToken();
      await tx.update(identityProviderConfigs).set({ scimTokenHash: sha256(token), updatedAt: now }).where(eq(identityProviderConfigs.id, row.id));
      await recordActivity(tx, principal, { organizationId: organization.id, scope: SCOPE, itemId: row.id, activity: "scim_token_regenerated", name: row.name || "Identity provider" }, now);
      return { scim_enabled: true as const, scim_bearer_token: token };
    }),
});
