import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { organizations, serviceAccounts } from "../../../db/schema";
import type { Principal } from "../../auth/principal";
import { log } from "../../log";
import { serviceAccountHoldings } from "../directory/grants";
import { invalidToken, verifyAccessToken } from "./access-tokens";

const LAST_USED_RESOLUTION_MS = 60 * 1000;

/** The account of a client id or id, with its organization still there (not being deleted); null otherwise. */
export async function liveServiceAccount(db: Db, where: { id: string } | { clientId: string }) {
  const match = "id" in where ? eq(serviceAccounts.id, where.id) : eq(serviceAccounts.clientId, where.clientId);
  const [row] = await db
    .select({ account: serviceAccounts })
    .from(serviceAccounts)
    .innerJoin(organizations, eq(organizations.id, serviceAccounts.organizationId))
    .where(and(match, isNull(organizations.deletedAt)))
    .limit(1);
  return row?.account ?? null;
}

/** Records that an account was used: at most one write a minute, never holding up the request. */
export function touchServiceAccount(db: Db, account: { id: string; lastUsedAt: Date | null }, now: Date, requestId?: string) {
  if (account.lastUsedAt && now.getTime() - account.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
  const cutoff = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  // The conditional update keeps concurrent requests from repeating the write.
  db.update(serviceAccounts)
    .set({ lastUsedAt: now })
    .where(and(eq(serviceAccounts.id, account.id), or(isNull(serviceAccounts.lastUsedAt), lt(serviceAccounts.lastUsedAt, cutoff))))
    .catch((err: unknown) => log.warn({ err, request_id: requestId }, "could not record a service account's last_used_at"));
}

/**
 * The service account an access token speaks for, checked on every request: a disabled or deleted account (or one
 * whose organization is going away) is refused at once, however long its token still runs. Its permissions are those
 * the token was granted that the account still holds, through its own grant or a custom role assigned to it.
 */
export async function authenticateAccessToken(db: Db, token: string, { now = new Date(), requestId }: { now?: Date; requestId?: string } = {}): Promise<Principal> {
  const claims = await verifyAccessToken(db, token, now);
  const account = await liveServiceAccount(db, { id: claims.sub });
  if (!account || !account.isActive || account.organizationId !== claims.organization_id || account.clientId !== claims.client_id) {
    throw invalidToken("This service account is disabled or no longer exists.");
  }
  touchServiceAccount(db, account, now, requestId);
  const held = (await serviceAccountHoldings(db, account)).permissions;
  return {
    kind: "service_account",
    user: null,
    organizationId: account.organizationId,
    serviceAccount: {
      id: account.id,
      name: account.name,
      clientId: account.clientId,
      permissions: claims.scope.filter((p) => held.includes(p)),
    },
  };
}
