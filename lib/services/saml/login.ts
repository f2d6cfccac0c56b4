import { randomBytes } from "node:crypto";
import { lt } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { samlRequests } from "../../../db/schema";
import { authnRequestUrl } from "../../adapters/saml/request";
import { safeReturnPath } from "../../auth/return-path";
import { env } from "../../env";
import { findSamlConnection } from "./connections";

/** How long the identity provider has to answer a request we sent. */
export const SAML_REQUEST_LIFETIME_MS = 10 * 60_000;

/**
 * Starts a sign-in at a connection's identity provider: records the request (so the response must answer it, once,
 * on any instance) with where to return, a path on this site; null when the connection is unknown or unfinished.
 */
export async function startSamlLogin(db: Db, connectionId: string, returnTo: unknown, now = new Date()): Promise<string | null> {
  const connection = await findSamlConnection(db, connectionId);
  if (!connection) return null;
  const id = `_${randomBytes(20).toString("hex")}`;
  await db.delete(samlRequests).where(lt(samlRequests.expiresAt, now));
  await db.insert(samlRequests).values({
    id,
    connectionId: connection.id,
    returnTo: safeReturnPath(returnTo, env().SITE_URL),
    createdAt: now,
    expiresAt: new Date(now.getTime() + SAML_REQUEST_LIFETIME_MS),
  });
  return authnRequestUrl({ spEntityId: connection.sp.entityId, acsUrl: connection.sp.acsUrl }, connection.idpSsoUrl, id);
}
