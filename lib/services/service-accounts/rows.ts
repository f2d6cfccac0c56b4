import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { serviceAccounts } from "../../../db/schema";
import type { DirectoryPermission } from "../../auth/directory-permissions";
import { notFound } from "../../errors";
import { isUuid } from "../../schemas/common";
import type { ServiceAccount } from "../../schemas/service-accounts";
import { iso } from "../serialize";

export type ServiceAccountRow = typeof serviceAccounts.$inferSelect;

/** The activity-log scope of service accounts. */
export const SERVICE_ACCOUNT_SCOPE = "ServiceAccount";

/** Client secrets carry this prefix, so a leaked one is recognisable (secret scanners, logs). */
export const SERVICE_ACCOUNT_SECRET_PREFIX = "odsa_";
export const SERVICE_ACCOUNT_CLIENT_PREFIX = "odsa_client_";

/** `odsa_client_` plus 22 URL-safe characters (128 random bits): public, but not guessable. */
export const generateServiceAccountClientId = () => SERVICE_ACCOUNT_CLIENT_PREFIX + randomBytes(16).toString("base64url");

/** `odsa_` plus 43 URL-safe characters (256 random bits); stored as its SHA-256. */
export const generateServiceAccountSecret = () => SERVICE_ACCOUNT_SECRET_PREFIX + randomBytes(32).toString("base64url");

/** The wire object; no secret is ever part of it. */
export function serializeServiceAccount(row: ServiceAccountRow): ServiceAccount {
  return {
    id: row.id,
    name: row.name,
    client_id: row.clientId,
    permissions: row.permissions as DirectoryPermission[],
    is_active: row.isActive,
    created_at: iso(row.createdAt),
    last_used_at: iso(row.lastUsedAt),
  };
}

/** What the activity log records and compares: the settings, without times (and never a secret). */
export function auditedServiceAccount(row: ServiceAccountRow) {
  return { id: row.id, name: row.name, client_id: row.clientId, permissions: row.permissions, is_active: row.isActive };
}

/** The organization's service account with this id (locked for update inside a transaction when asked); 404 otherwise. */
export async function serviceAccountOf(db: Executor, organizationId: string, id: string, { lock = false } = {}) {
  if (!isUuid(id)) throw notFound();
  const query = db
    .select()
    .from(serviceAccounts)
    .where(and(eq(serviceAccounts.id, id.toLowerCase()), eq(serviceAccounts.organizationId, organizationId)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFound();
  return row;
}
