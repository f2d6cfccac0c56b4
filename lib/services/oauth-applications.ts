import { and, count, desc, eq } from "drizzle-orm";
import { oauthApplications } from "../../db/schema";
import { USER_CALLERS } from "../auth/principal";
import { sha256 } from "../auth/tokens";
import { paginationQuery } from "../schemas/common";
import { createOAuthApplicationInput, oauthApplicationIdInput, updateOAuthApplicationByIdInput } from "../schemas/oauth-applications";
import { AppError } from "../errors";
import { diffChanges, recordActivity, wholeObjectChanges } from "./activity";
import {
  auditedOAuthApplication,
  generateClientId,
  generateClientSecret,
  joinRedirectUris,
  OAUTH_APPLICATION_SCOPE as SCOPE,
  oauthApplicationOf,
  redirectUrisOf,
  serializeOAuthApplication,
  type OAuthApplicationRow,
} from "./oauth-application-rows";
import { checkSectorIdentifierUri, fetchSectorRedirectUris, requireListedRedirectUris } from "./directory/sectors-identifier-uri";
import { operation } from "./operation";
import { Page } from "./page";

/** Any member lists the organization's own applications, newest first. */
export const listOAuthApplications = operation({
  permission: "oauth_application:read",
  callers: USER_CALLERS,
  input: paginationQuery,
  run: async ({ db, organization }, { limit, offset }) => {
    const where = eq(oauthApplications.organizationId, organization.id);
    const [rows, [total]] = await Promise.all([
      db.select().from(oauthApplications).where(where).orderBy(desc(oauthApplications.created), desc(oauthApplications.id)).limit(limit).offset(offset),
      db.select({ n: count() }).from(oauthApplications).where(where),
    ]);
    return new Page(rows.map(serializeOAuthApplication), total.n, { limit, offset });
  },
});

/**
 * Admins register an application; its client secret is returned in this response only and stored as its SHA-256. A
 * sector identifier URI must answer a JSON array listing every redirect URI.
 */
export const createOAuthApplication = operation({
  permission: "oauth_application:write",
  callers: USER_CALLERS,
  input: createOAuthApplicationInput,
  run: async ({ db, organization, principal, user, now }, input) => {
    const sectorIdentifierUri = input.sector_identifier_uri ?? null;
    // Fetched before the transaction: an outside server's answer must not hold a database connection.
    if (sectorIdentifierUri) await checkSectorIdentifierUri(sectorIdentifierUri, input.redirect_uris_list);
    const secret = generateClientSecret();
    return db.transaction(async (tx) => {
      const [row] = await tx
        .insert(oauthApplications)
        .values({
          organizationId: organization.id,
          name: input.name,
          clientId: generateClientId(),
          clientSecretHash: sha256(secret),
          redirectUris: joinRedirectUris(input.redirect_uris_list),
          sectorIdentifierUri,
          createdById: user?.id ?? null,
          created: now,
          updated: now,
        })
        .returning();
      const changes = wholeObjectChanges(SCOPE, "created", auditedOAuthApplication(row));
      await recordActivity(tx, principal, { organizationId: organization.id, scope: SCOPE, itemId: row.id, activity: "created", name: row.name, changes }, now);
      return { ...serializeOAuthApplication(row), client_secret: secret };
    });
  },
});

/** Any member reads one of the organization's applications; another organization's is not found. */
export const getOAuthApplication = operation({
  permission: "oauth_application:read",
  callers: USER_CALLERS,
  input: oauthApplicationIdInput,
  run: async ({ db, organization }, { id }) => serializeOAuthApplication(await oauthApplicationOf(db, organization.id, id)),
});

/**
 * Admins rename an application or replace its redirect URIs or sector identifier URI; when either changes and a sector
 * identifier URI is set, its document must list every redirect URI. A change that changes nothing writes nothing.
 */
export const updateOAuthApplication = operation({
  permission: "oauth_application:write",
  callers: USER_CALLERS,
  input: updateOAuthApplicationByIdInput,
  run: async ({ db, organization, principal, now }, { id, name, redirect_uris_list, sector_identifier_uri }) => {
    const touchesSector = redirect_uris_list !== undefined || sector_identifier_uri !== undefined;
    const sectorAfter = (row: OAuthApplicationRow) => (sector_identifier_uri !== undefined ? sector_identifier_uri : row.sectorIdentifierUri);
    // Fetched before the transaction, from the application as it stands; checked again under the lock.
    const checkedUri = touchesSector ? sectorAfter(await oauthApplicationOf(db, organization.id, id)) : null;
    const listed = checkedUri ? await fetchSectorRedirectUris(checkedUri) : null;
    return db.transaction(async (tx) => {
      const before = await oauthApplicationOf(tx, organization.id, id, { lock: true });
      const sectorIdentifierUri = sectorAfter(before);
      if (touchesSector && sectorIdentifierUri) {
        if (sectorIdentifierUri !== checkedUri || !listed) {
          throw new AppError("conflict", { detail: "The application's sector identifier URI changed while it was being checked; try again.", attr: "sector_identifier_uri" });
        }
        requireListedRedirectUris(listed, redirect_uris_list ?? redirectUrisOf(before));
      }
      const columns = {
        ...(name !== undefined && name !== before.name && { name }),
        ...(redirect_uris_list !== undefined && joinRedirectUris(redirect_uris_list) !== before.redirectUris && { redirectUris: joinRedirectUris(redirect_uris_list) }),
        ...(sectorIdentifierUri !== before.sectorIdentifierUri && { sectorIdentifierUri }),
      };
      if (Object.keys(columns).length === 0) return serializeOAuthApplication(before);
      const [after] = await tx
        .update(oauthApplications)
        .set({ ...columns, updated: now })
        .where(and(eq(oauthApplications.id, before.id), eq(oauthApplications.organizationId, organization.id)))
        .returning();
      const changes = diffChanges(SCOPE, auditedOAuthApplication(before), auditedOAuthApplication(after));
      await recordActivity(tx, principal, { organizationId: organization.id, scope: SCOPE, itemId: after.id, activity: "updated", name: after.name, changes }, now);
      return serializeOAuthApplication(after);
    });
  },
});

/** Admins replace an application's client secret: the old one stops working at once, the new one is shown once. */
export const rotateOAuthApplicationSecret = operation({
  permission: "oauth_application:write",
  callers: USER_CALLERS,
  input: oauthApplicationIdInput,
  run: async ({ db, organization, principal, now }, { id }) => {
    const secret = generateClientSecret();
    return db.transaction(async (tx) => {
      const before = await oauthApplicationOf(tx, organization.id, id, { lock: true });
      const [after] = await tx.update(oauthApplications).set({ clientSecretHash: sha256(secret), updated: now }).where(eq(oauthApplications.id, before.id)).returning();
      await recordActivity(tx, principal, { organizationId: organization.id, scope: SCOPE, itemId: after.id, activity: "secret_rotated", name: after.name }, now);
      return { ...serializeOAuthApplication(after), client_secret: secret };
    });
  },
});

/** Admins delete an application; its client stops working at once. */
export const deleteOAuthApplication = operation({
  permission: "oauth_application:write",
  callers: USER_CALLERS,
  input: oauthApplicationIdInput,
  run: async ({ db, organization, principal, now }, { id }) => {
    await db.transaction(async (tx) => {
      const row = await oauthApplicationOf(tx, organization.id, id, { lock: true });
      await tx.delete(oauthApplications).where(eq(oauthApplications.id, row.id));
      const changes = wholeObjectChanges(SCOPE, "deleted", auditedOAuthApplication(row));
      await recordActivity(tx, principal, { organizationId: organization.id, scope: SCOPE, itemId: row.id, activity: "deleted", name: row.name, changes }, now);
    });
    return null;
  },
});
