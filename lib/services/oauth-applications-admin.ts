import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { oauthApplications, organizations } from "../../db/schema";
import { notFound, organizationNotFound } from "../errors";
import { isUuid } from "../schemas/common";
import { recordActivity, SYSTEM_ACTOR } from "./activity";
import { OAUTH_APPLICATION_SCOPE as SCOPE, serializeOAuthApplication, type OAuthApplicationRow } from "./oauth-application-rows";

/** What the admin CLI prints of an application: the wire object and the organization that owns it. */
function operatorView(row: OAuthApplicationRow) {
  return { ...serializeOAuthApplication(row), organization_id: row.organizationId };
}

/**
 * Marks an application verified or not: only the instance's operator vouches for a client, so only the admin CLI
 * reaches this; the change is audited as the system. Setting what is already set changes and records nothing.
 */
export async function setOAuthApplicationVerified(db: Db, id: string, verified: boolean, now = new Date()) {
  if (!isUuid(id)) throw notFound();
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(oauthApplications).where(eq(oauthApplications.id, id.toLowerCase())).for("update");
    if (!before) throw notFound();
    if (before.isVerified === verified) return operatorView(before);
    const [after] = await tx.update(oauthApplications).set({ isVerified: verified, updated: now }).where(eq(oauthApplications.id, before.id)).returning();
    await recordActivity(
      tx,
      SYSTEM_ACTOR,
      {
        organizationId: after.organizationId,
        scope: SCOPE,
        itemId: after.id,
        activity: verified ? "verified" : "unverified",
        name: after.name,
        changes: [{ type: SCOPE, field: "is_verified", action: "changed", before: before.isVerified, after: verified }],
      },
      now,
    );
    return operatorView(after);
  });
}

/** Every application of the instance, or of one organization, newest first, for the operator. */
export async function listOAuthApplicationsForOperator(db: Db, organizationId?: string) {
  if (organizationId !== undefined) {
    const [org] = isUuid(organizationId) ? await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId.toLowerCase())) : [];
    if (!org) throw organizationNotFound();
  }
  const query = db.select().from(oauthApplications);
  const rows = await (organizationId ? query.where(eq(oauthApplications.organizationId, organizationId.toLowerCase())) : query).orderBy(
    desc(oauthApplications.created),
    desc(oauthApplications.id),
  );
  return { count: rows.length, results: rows.map(operatorView) };
}
