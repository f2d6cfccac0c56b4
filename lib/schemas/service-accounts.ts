import { z } from "zod";
import { DIRECTORY_PERMISSIONS, isDirectoryPermission } from "../auth/directory-permissions";
import { echo } from "../errors";
import { paginated, timestamp, withoutNul } from "./common";

/** Directory permission strings only (service accounts and custom roles), each once (duplicates are dropped); an unknown one is named in the 400. */
export const directoryPermissionList = z
  .array(withoutNul(z.string()).max(100))
  .max(DIRECTORY_PERMISSIONS.length * 2)
  .superRefine((list, ctx) => {
    const unknown = list.find((p) => !isDirectoryPermission(p));
    if (unknown !== undefined) ctx.addIssue({ code: "custom", input: unknown, message: `"${echo(unknown)}" is not a directory permission. Choose from: ${DIRECTORY_PERMISSIONS.join(", ")}.` });
  })
  .transform((list) => [...new Set(list)])
  .meta({ description: `Directory permissions the account may use: ${DIRECTORY_PERMISSIONS.map((p) => `\`${p}\``).join(", ")}.` });

const name = withoutNul(z.string().trim().min(1).max(255));

export const createServiceAccountInput = z.object({ name, permissions: directoryPermissionList.default([]) });
export const updateServiceAccountInput = z.object({
  name: name.optional(),
  permissions: directoryPermissionList.optional(),
  is_active: z.boolean().optional().meta({ description: "`false` disables the account: its tokens are refused at once and it gets no new ones." }),
});
export const serviceAccountIdInput = z.object({ id: z.string() });
export const updateServiceAccountByIdInput = updateServiceAccountInput.extend({ id: z.string() });

/** The request body of POST, for the OpenAPI document. */
export const CreateServiceAccount = createServiceAccountInput.meta({ id: "CreateServiceAccount" });
/** The request body of PATCH, for the OpenAPI document. */
export const PatchedServiceAccount = updateServiceAccountInput.meta({ id: "PatchedServiceAccount" });

const accountFields = {
  id: z.uuid(),
  name: z.string(),
  client_id: z.string().meta({ description: "The OAuth client id it authenticates with at `/oauth/token`." }),
  permissions: z.array(z.enum(DIRECTORY_PERMISSIONS)),
  is_active: z.boolean(),
  created_at: timestamp,
  last_used_at: timestamp.nullable().meta({ description: "When a token of it was last used (to the minute), or null." }),
};

/** A machine caller of the organization; its client secret is never shown again after creation or rotation. */
export const ServiceAccount = z.strictObject(accountFields).meta({ id: "ServiceAccount" });
export type ServiceAccount = z.infer<typeof ServiceAccount>;

/** An account just created or given a new secret: the only time the secret is shown. */
export const ServiceAccountWithSecret = z
  .strictObject({ ...accountFields, client_secret: z.string().meta({ description: "Shown in this response only." }) })
  .meta({ id: "ServiceAccountWithSecret" });

export const PaginatedServiceAccountList = paginated(ServiceAccount, "ServiceAccount");
