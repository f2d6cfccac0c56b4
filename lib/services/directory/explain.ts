/**
 * "Why can X do Y": the directory permissions a member or a service account of the organization holds, each with
 * where it comes from, computed by the same grants the directory API checks.
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { organizationMemberships, serviceAccounts } from "../../../db/schema";
import { USER_CALLERS } from "../../auth/principal";
import { isLevel } from "../../auth/permissions";
import { AppError } from "../../errors";
import { isUuid } from "../../schemas/common";
import { operation } from "../operation";
import { directoryGrants, listGrants, serviceAccountHoldings } from "./grants";

export const explainDirectoryPermissionsInput = z
  .object({ membership_id: z.string().optional(), service_account_id: z.string().optional() })
  .refine((v) => (v.membership_id === undefined) !== (v.service_account_id === undefined), {
    message: "Send exactly one of membership_id and service_account_id.",
    path: ["membership_id"],
  });

const unknownHolder = (attr: string) => new AppError("does_not_exist", { detail: "Nobody of this organization has this id.", attr });

/**
 * Administrators see what a member or a service account of their organization holds in the directory API and why; a
 * suspended member holds nothing, and a disabled account's grants are listed but its tokens are refused (`active`).
 */
export const explainDirectoryPermissions = operation({
  permission: "directory_role:read",
  callers: USER_CALLERS,
  input: explainDirectoryPermissionsInput,
  run: async ({ db, organization, principal }, input) => {
    if (input.membership_id !== undefined) {
      const id = input.membership_id.toLowerCase();
      if (!isUuid(id)) throw unknownHolder("membership_id");
      const [row] = await db
        .select({ id: organizationMemberships.id, level: organizationMemberships.level, suspendedAt: organizationMemberships.suspendedAt })
        .from(organizationMemberships)
        .where(and(eq(organizationMemberships.id, id), eq(organizationMemberships.organizationId, organization.id)));
      if (!row || !isLevel(row.level)) throw unknownHolder("membership_id");
      if (row.suspendedAt) return { active: false, grants: [] };
      // The holder's grants do not depend on who asks: only a service-account caller is treated apart, and admins are people.
      const grants = await directoryGrants(db, principal, { organization, membership: { id: row.id, level: row.level } });
      return { active: true, grants: listGrants(grants) };
    }
    const id = (input.service_account_id ?? "").toLowerCase();
    if (!isUuid(id)) throw unknownHolder("service_account_id");
    const [account] = await db
      .select()
      .from(serviceAccounts)
      .where(and(eq(serviceAccounts.id, id), eq(serviceAccounts.organizationId, organization.id)));
    if (!account) throw unknownHolder("service_account_id");
    // As a token asking for everything would carry: its own grant and its custom roles' permissions.
    const { permissions } = await serviceAccountHoldings(db, account);
    const caller = { id: account.id, name: account.name, clientId: account.clientId, permissions };
    const grants = await directoryGrants(db, { kind: "service_account", user: null, organizationId: organization.id, serviceAccount: caller }, { organization, membership: null });
    return { active: account.isActive, grants: listGrants(grants) };
  },
});
