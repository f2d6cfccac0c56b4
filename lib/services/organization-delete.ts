import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import {
  batchExports,
  directoryRoles,
  identityProviderConfigs,
  legalDocuments,
  organizationDomains,
  organizationInvites,
  organizationMemberships,
  organizations,
  personalApiKeys,
  serviceAccounts,
  users,
} from "../../db/schema";
import type { Principal } from "../auth/principal";
import { organizationNotFound } from "../errors";
import { enqueueJob } from "../jobs/enqueue";
import { recordActivity, wholeObjectChanges } from "./activity";
import { pauseRow } from "./batch-exports/pausing";
import type { OrganizationRow } from "./organization-access";
import { mediaKeysOf } from "./organization-logo";
import { auditedOrganization, ORGANIZATION_SCOPE } from "./organization-rows";

/** The job kind that removes what a deleted organization owns, then its row. */
export const DELETE_ORGANIZATION_JOB = "organizations.delete";

/**
 * Deletes an organization at once, inside the caller's transaction: from this commit it is not found anywhere (its
 * access queries skip deleted organizations, its service accounts' tokens stop working), its slug and subdomain are free, its
 * domains and identity-provider configs are gone (no sign-in, single sign-on or SCIM client reaches it through them
 * any longer, and the domain names are free), its batch exports are paused (no run starts before the job removes them),
 * nobody has it as current organization, and the audit entry is written; a job then removes the rest. Deleting it again
 * is 404.
 */
export async function softDeleteOrganization(tx: Executor, principal: Principal, organization: OrganizationRow, now: Date) {
  const [locked] = await tx.select().from(organizations).where(eq(organizations.id, organization.id)).for("update");
  if (!locked || locked.deletedAt) throw organizationNotFound();
  // The slug and subdomain are free again at once: a placeholder slug keeps the column's uniqueness.
  const slug = `deleted-${organization.id.replace(/-/g, "")}`;
  await tx.update(organizations).set({ deletedAt: now, slug, subdomain: null, updatedAt: now }).where(eq(organizations.id, organization.id));
  await tx.delete(organizationDomains).where(eq(organizationDomains.organizationId, organization.id));
  await tx.delete(identityProviderConfigs).where(eq(identityProviderConfigs.organizationId, organization.id));
  await tx.update(users).set({ currentOrganizationId: null }).where(eq(users.currentOrganizationId, organization.id));
  const exports = await tx.select().from(batchExports).where(and(eq(batchExports.organizationId, organization.id), eq(batchExports.paused, false)));
  for (const row of exports) await pauseRow(tx, row, now);
  await recordActivity(tx, principal, {
    organizationId: organization.id,
    scope: ORGANIZATION_SCOPE,
    itemId: organization.id,
    activity: "deleted",
    name: locked.name,
    changes: wholeObjectChanges(ORGANIZATION_SCOPE, "deleted", auditedOrganization(locked)),
  }, now);
  await enqueueJob(tx, DELETE_ORGANIZATION_JOB, { organization_id: organization.id }, { uniqueKey: `${DELETE_ORGANIZATION_JOB}:${organization.id}` });
}

/**
 * The deletion job's work, safe to repeat: removes a deleted organization's memberships (with their custom-role
 * assignments), invitations, service accounts (their tokens die with them), directory roles and any domain left, takes
 * it off organization-scoped personal API keys (a key scoped to it alone keeps its id, so it reaches nothing rather
 * than every organization), then the row and whatever else it owns. Returns the storage keys of its uploads and of its
 * signed legal documents' PDFs, whose bytes go once this has committed; null when there was nothing to remove.
 */
export async function purgeOrganization(db: Executor, organizationId: string): Promise<string[] | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.id, organizationId), isNotNull(organizations.deletedAt)))
      .for("update");
    if (!row) return null;
    await tx.delete(organizationMemberships).where(eq(organizationMemberships.organizationId, organizationId));
    await tx.delete(organizationInvites).where(eq(organizationInvites.organizationId, organizationId));
    await tx.delete(serviceAccounts).where(eq(serviceAccounts.organizationId, organizationId));
    await tx.delete(directoryRoles).where(eq(directoryRoles.organizationId, organizationId));
    await tx.delete(organizationDomains).where(eq(organizationDomains.organizationId, organizationId));
    await tx
      .update(personalApiKeys)
      .set({ scopedOrganizations: sql`array_remove(${personalApiKeys.scopedOrganizations}, ${organizationId}::uuid)` })
      .where(sql`${organizationId}::uuid = any(${personalApiKeys.scopedOrganizations}) and cardinality(${personalApiKeys.scopedOrganizations}) > 1`);
    const uploads = await mediaKeysOf(tx, organizationId);
    const signedPdfs = await tx
      .select({ key: legalDocuments.signedPdfKey })
      .from(legalDocuments)
      .where(and(eq(legalDocuments.organizationId, organizationId), isNotNull(legalDocuments.signedPdfKey)));
    await tx.delete(organizations).where(eq(organizations.id, organizationId));
    return [...uploads, ...signedPdfs.map((row) => row.key!)];
  });
}
