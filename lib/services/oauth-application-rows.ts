import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { oauthApplications } from "../../db/schema";
import { notFound } from "../errors";
import { isUuid } from "../schemas/common";
import type { OrganizationOAuthApplication } from "../schemas/oauth-applications";
import { iso } from "./serialize";

export type OAuthApplicationRow = typeof oauthApplications.$inferSelect;
export const OAUTH_APPLICATION_SCOPE = "OAuthApplication";

/** Client secrets carry this prefix, so a leaked one is recognisable (secret scanners, logs). */
export const CLIENT_SECRET_PREFIX = "odcs_";

/** A public client identifier: 40 URL-safe characters. */
export const generateClientId = () => randomBytes(30).toString("base64url");

/** `odcs_` plus 43 URL-safe characters (256 random bits); stored as its SHA-256. */
export const generateClientSecret = () => CLIENT_SECRET_PREFIX + randomBytes(32).toString("base64url");

/** The stored form of the redirect URIs: one space between each. */
export const joinRedirectUris = (uris: readonly string[]) => uris.join(" ");

/** The stored redirect URIs as a list. */
export const redirectUrisOf = (row: Pick<OAuthApplicationRow, "redirectUris">) => row.redirectUris.split(/\s+/).filter(Boolean);

/** The wire object; the secret is never part of it. */
export function serializeOAuthApplication(row: OAuthApplicationRow): OrganizationOAuthApplication {
  return {
    id: row.id,
    name: row.name,
    client_id: row.clientId,
    redirect_uris_list: redirectUrisOf(row),
    sector_identifier_uri: row.sectorIdentifierUri,
    is_verified: row.isVerified,
    created: iso(row.created),
    updated: iso(row.updated),
  };
}

/** What the activity log records and compares: the settings, without timestamps (and never the secret). */
export function auditedOAuthApplication(row: OAuthApplicationRow) {
  const { created: _created, updated: _updated, ...rest } = serializeOAuthApplication(row);
  return rest;
}

/** The organization's application with this id (locked for update inside a transaction when asked); 404 otherwise. */
export async function oauthApplicationOf(db: Executor, organizationId: string, id: string, { lock = false } = {}) {
  if (!isUuid(id)) throw notFound();
  const query = db
    .select()
    .from(oauthApplications)
    .where(and(eq(oauthApplications.id, id.toLowerCase()), eq(oauthApplications.organizationId, organizationId)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFound();
  return row;
}
