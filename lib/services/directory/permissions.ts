import { z } from "zod";
import { operation } from "../operation";
import { directoryGrants, DIRECTORY_CALLERS, listGrants } from "./grants";

/**
 * The caller's own directory permissions in the organization, each with where it comes from (built-in role, SCIM
 * group, custom role, service-account grant). Only a member or a service account of the organization may ask: anyone
 * else is refused (403), so nobody learns another organization's roles through it.
 */
export const getDirectoryPermissions = operation({
  permission: "directory:permissions",
  callers: DIRECTORY_CALLERS,
  input: z.object({}),
  run: async ({ db, principal, organization, membership }) =>
    listGrants(await directoryGrants(db, principal, { organization, membership })),
});
