import { count, desc, eq } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { serviceAccounts } from "../../../db/schema";
import { serviceAccountGrantProblem } from "../../auth/directory-permissions";
import type { Level } from "../../auth/permissions";
import { USER_CALLERS, type Principal } from "../../auth/principal";
import { sha256 } from "../../auth/tokens";
import { env } from "../../env";
import { invalidInput } from "../../errors";
import { paginationQuery } from "../../schemas/common";
import { createServiceAccountInput, serviceAccountIdInput, updateServiceAccountByIdInput } from "../../schemas/service-accounts";
import { diffChanges, recordActivity, wholeObjectChanges } from "../activity";
import { operation } from "../operation";
import { Page } from "../page";
import {
  auditedServiceAccount,
  generateServiceAccountClientId,
  generateServiceAccountSecret,
  SERVICE_ACCOUNT_SCOPE as SCOPE,
  serializeServiceAccount,
  serviceAccountOf,
} from "./rows";

/** Refuses permissions the granting person does not hold (null level: the instance's operator). */
function checkGrant(level: Level | null, permissions: readonly string[]) {
  const problem = serviceAccountGrantProblem(level, permissions);
  if (problem) throw invalidInput(problem, "permissions");
}

type NewAccount = { organizationId: string; name: string; permissions: string[]; createdById: number | null };

/** Inserts an account with a fresh client id and secret and records it; the secret is returned this once. */
export async function insertServiceAccount(tx: Executor, principal: Principal, account: NewAccount, now: Date) {
  const secret = generateServiceAccountSecret();
  const [row] = await tx
    .insert(serviceAccounts)
    .values({ ...account, clientId: generateServiceAccountClientId(), secretHash: sha256(secret), createdAt: now, updatedAt: now })
    .returning();
  const changes = wholeObjectChanges(SCOPE, "created", auditedServiceAccount(row));
  await recordActivity(tx, principal, { organizationId: account.organizationId, scope: SCOPE, itemId: row.id, activity: "created", name: row.name, changes }, now);
  return { ...serializeServiceAccount(row), client_secret: secret };
}

/** Administrators list the organization's service accounts, newest first. */
export const listServiceAccounts = operation({
  permission: "service_account:read",
  callers: USER_CALLERS,
  input: paginationQuery,
  run: async ({ db, organization }, { limit, offset }) => {
    const where = eq(serviceAccounts.organizationId, organization.id);
    const [rows, [total]] = await Promise.all([
      db.select().from(serviceAccounts).where(where).orderBy(desc(serviceAccounts.createdAt), desc(serviceAccounts.id)).limit(limit).offset(offset),
      db.select({ n: count() }).from(serviceAccounts).where(where),
    ]);
    return new Page(rows.map(serializeServiceAccount), total.n, { limit, offset });
  },
});

/**
 * Administrators create a service account holding directory permissions they hold themselves; its client secret is
 * returned in this response only and stored as its SHA-256.
 */
export const createServiceAccount = operation({
  permission: "service_account:write",
  callers: USER_CALLERS,
  input: createServiceAccountInput,
  run: async ({ db, organization, membership, principal, user, now }, input) => {
    checkGrant(membership.level, input.permissions);
    return db.transaction((tx) =>
      insertServiceAccount(tx, principal, { organizationId: organization.id, name: input.name, permissions: input.permissions, createdById: user.id }, now),
    );
  },
});

/**
 * Administrators rename an account, change its permissions (adding only ones they hold) or disable it (`is_active`
 * false: its tokens are refused at once); a change that changes nothing writes nothing.
 */
export const updateServiceAccount = operation({
  permission: "service_account:write",
  callers: USER_CALLERS,
  input: updateServiceAccountByIdInput,
  run: async ({ db, organization, membership, principal, now }, { id, name, permissions, is_active }) =>
    db.transaction(async (tx) => {
      const before = await serviceAccountOf(tx, organization.id, id, { lock: true });
      if (permissions) checkGrant(membership.level, permissions.filter((p) => !before.permissions.includes(p)));
      const next = {
        name: name ?? before.name,
        permissions: permissions ?? before.permissions,
        isActive: is_active ?? before.isActive,
      };
      const changes = diffChanges(SCOPE, auditedServiceAccount(before), auditedServiceAccount({ ...before, ...next }));
      if (changes.length === 0) return serializeServiceAccount(before);
      const [after] = await tx.update(serviceAccounts).set({ ...next, updatedAt: now }).where(eq(serviceAccounts.id, before.id)).returning();
      await recordActivity(tx, principal, { organizationId: organization.id, scope: SCOPE, itemId: after.id, activity: "updated", name: after.name, changes }, now);
      return serializeServiceAccount(after);
    }),
});

/**
 * Administrators give an account a new client secret, shown once; the previous one keeps working for
 * ORGDECK_SERVICE_ACCOUNT_SECRET_OVERLAP seconds so its clients can move over, and the one before it stops at once.
 */
export const rotateServiceAccountSecret = operation({
  permission: "service_account:write",
  callers: USER_CALLERS,
  input: serviceAccountIdInput,
  run: async ({ db, organization, principal, now }, { id }) => {
    const secret = generateServiceAccountSecret();
    const overlapMs = env().ORGDECK_SERVICE_ACCOUNT_SECRET_OVERLAP * 1000;
    return db.transaction(async (tx) => {
      const before = await serviceAccountOf(tx, organization.id, id, { lock: true });
      const [after] = await tx
        .update(serviceAccounts)
        .set({
          secretHash: sha256(secret),
          previousSecretHash: overlapMs > 0 ? before.secretHash : null,
          previousSecretExpiresAt: overlapMs > 0 ? new Date(now.getTime() + overlapMs) : null,
          updatedAt: now,
        })
        .where(eq(serviceAccounts.id, before.id))
        .returning();
      await recordActivity(tx, principal, { organizationId: organization.id, scope: SCOPE, itemId: after.id, activity: "secret_rotated", name: after.name }, now);
      return { ...serializeServiceAccount(after), client_secret: secret };
    });
  },
});

/** Administrators delete an account; its tokens are refused at once. */
export const deleteServiceAccount = operation({
  permission: "service_account:write",
  callers: USER_CALLERS,
  input: serviceAccountIdInput,
  run: async ({ db, organization, principal, now }, { id }) => {
    await db.transaction(async (tx) => {
      const row = await serviceAccountOf(tx, organization.id, id, { lock: true });
      await tx.delete(serviceAccounts).where(eq(serviceAccounts.id, row.id));
      const changes = wholeObjectChanges(SCOPE, "deleted", auditedServiceAccount(row));
      await recordActivity(tx, principal, { organizationId: organization.id, scope: SCOPE, itemId: row.id, activity: "deleted", name: row.name, changes }, now);
    });
    return null;
  },
});
