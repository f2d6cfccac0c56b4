import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "../../../db/client";
import { organizationDomains, serviceAccounts, users } from "../../../db/schema";
import { OWNER } from "../../auth/permissions";
import type { Principal } from "../../auth/principal";
import { invalidInput, permissionDenied } from "../../errors";
import {
  createDirectoryOrganizationInput,
  updateDirectoryOrganizationInput,
  type UpdateDirectoryOrganizationInput,
} from "../../schemas/directory";
import { claimDomain } from "../domains";
import { getAuthSecret } from "../instance";
import { operation } from "../operation";
import { softDeleteOrganization } from "../organization-delete";
import { insertOrganization, updateOrganizationRow } from "../organization-rows";
import { checkSubdomainAllowed, DIRECTORY_CALLERS, directoryOrganization } from "./orgs-shape";

/**
 * Who owns an organization the caller creates: the signed-in person, or for a service account the administrator who
 * created it (still active). A caller with neither is 400.
 */
async function ownerFor(db: Executor, principal: Principal) {
  if (principal.user) return principal.user;
  if (principal.kind !== "service_account") throw invalidInput("An organization needs an owner: sign in as a person to create one.");
  const [row] = await db
    .select({ user: users })
    .from(serviceAccounts)
    .innerJoin(users, eq(users.id, serviceAccounts.createdById))
    .where(and(eq(serviceAccounts.id, principal.serviceAccount.id), eq(users.isActive, true)));
  if (!row) {
    throw invalidInput("This service account has no active creating administrator to own the organization: create it as a person, or with a service account an administrator created.");
  }
  return row.user;
}

/** The organization columns a directory body sets (fields not sent are left out). */
function columnsOf(input: UpdateDirectoryOrganizationInput) {
  return {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.subdomain !== undefined && { subdomain: input.subdomain }),
    ...(input.status !== undefined && { status: input.status }),
    ...(input.external_sales_force_id !== undefined && { externalSalesForceId: input.external_sales_force_id }),
  };
}

/** Claims the domain for the organization unless it already holds it; another organization's claim is 400. */
async function claimIfNew(tx: Executor, principal: Principal, organizationId: string, domain: string | undefined, now: Date) {
  if (!domain) return;
  const [held] = await tx
    .select({ id: organizationDomains.id })
    .from(organizationDomains)
    .where(and(eq(organizationDomains.organizationId, organizationId), eq(organizationDomains.domain, domain)));
  if (!held) await claimDomain(tx, principal, organizationId, domain, now);
}

/**
 * Creates an organization through the directory, by the rules of `/api`'s creation (a free slug, an owner, the audit
 * entry); the caller (a service account: its creating administrator) owns it. A subdomain taken or reserved is 400;
 * a domain sent is claimed unverified (another organization's is 400), all in one transaction.
 */
export const createDirectoryOrganization = operation({
  permission: "directory:create",
  directory: "org.directory.create",
  callers: DIRECTORY_CALLERS,
  input: createDirectoryOrganizationInput,
  run: async ({ db, principal, now }, input) => {
    checkSubdomainAllowed(input.subdomain);
    const owner = await ownerFor(db, principal);
    const secret = await getAuthSecret(db);
    return db.transaction(async (tx) => {
      const columns = { ...columnsOf(input), name: input.name, status: input.status ?? "active" };
      const makeCurrent = principal.kind === "session" || principal.kind === "api_key";
      const org = await insertOrganization(tx, principal, now, owner, columns, { makeCurrent });
      await claimIfNew(tx, principal, org.id, input.domain, now);
      return directoryOrganization(tx, secret, org);
    });
  },
});

/** Returns an organization in the directory shape to a caller holding `org.directory.get` in it. */
export const getDirectoryOrganization = operation({
  permission: "directory:read",
  directory: "org.directory.get",
  callers: DIRECTORY_CALLERS,
  input: z.object({}),
  run: async ({ db, organization }) => directoryOrganization(db, await getAuthSecret(db), organization),
});

/**
 * Updates the fields sent (PUT is partial) of the organization the path names: a body's `id` never chooses another.
 * The same validation as creation; a domain not yet the organization's is claimed unverified.
 */
export const updateDirectoryOrganization = operation({
  permission: "directory:write",
  directory: "org.directory.update",
  callers: DIRECTORY_CALLERS,
  input: updateDirectoryOrganizationInput,
  run: async ({ db, organization, principal, now }, input) => {
    checkSubdomainAllowed(input.subdomain);
    const secret = await getAuthSecret(db);
    return db.transaction(async (tx) => {
      const updated = await updateOrganizationRow(tx, principal, now, organization, columnsOf(input));
      await claimIfNew(tx, principal, organization.id, input.domain, now);
      return directoryOrganization(tx, secret, updated);
    });
  },
});

/**
 * Deletes the organization, as `/api`'s deletion does (gone at once, the rest removed by a job): owners, or a service
 * account granted `org.directory.delete`. A custom role never makes a non-owner able to delete.
 */
export const deleteDirectoryOrganization = operation({
  permission: "directory:write",
  directory: "org.directory.delete",
  callers: DIRECTORY_CALLERS,
  sensitive: true,
  input: z.object({}),
  authorize: ({ membership }) => {
    if (membership && membership.level < OWNER) throw permissionDenied("Only owners may delete an organization.");
  },
  run: async ({ db, organization, principal, now }) => {
    await db.transaction((tx) => softDeleteOrganization(tx, principal, organization, now));
    return null;
  },
});
