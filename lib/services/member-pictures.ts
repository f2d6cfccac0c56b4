import { and, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import { z } from "zod";
import { organizationMemberships, users } from "../../db/schema";
import { operation } from "./operation";

/**
 * People's pictures are not part of the documented user object (UserBasic lists its fields), so the console asks for
 * them beside the member list: the picture of each of these users who is a member of the organization and has one.
 */
export const listMemberPictures = operation({
  permission: "organization_member:read",
  callers: ["session"],
  input: z.object({ user_uuids: z.array(z.uuid()).max(200) }),
  run: async ({ db, organization }, { user_uuids }) => {
    if (user_uuids.length === 0) return {};
    const rows = await db
      .select({ uuid: users.uuid, picture: users.picture })
      .from(organizationMemberships)
      .innerJoin(users, eq(users.id, organizationMemberships.userId))
      .where(and(eq(organizationMemberships.organizationId, organization.id), isNull(organizationMemberships.suspendedAt), inArray(users.uuid, user_uuids), isNotNull(users.picture)));
    return Object.fromEntries(rows.map((r) => [r.uuid, r.picture as string])) as Record<string, string>;
  },
});
