/** Explicit access to private projects (Orgdeck's addition to the projects API): who, and at which project level. */
import { z } from "zod";
import { paginated, paginationQuery, timestamp } from "./common";
import { UserBasic } from "./users";

/** Granting access to a private project: a user of the organization, at a project level. */
export const setProjectMemberInput = z.object({
  id: z.string(),
  user_uuid: z.string(),
  level: z.enum(["member", "admin"]),
});
export const ProjectMemberLevel = setProjectMemberInput.omit({ id: true, user_uuid: true }).meta({ id: "ProjectMemberLevel" });
export const ProjectMemberGrant = setProjectMemberInput.omit({ id: true }).meta({ id: "ProjectMemberGrant" });
export const projectMemberInput = z.object({ id: z.string(), user_uuid: z.string() });
export const listProjectMembersInput = paginationQuery.extend({ id: z.string() });

/** Someone with explicit access to a private project. */
export const ProjectMember = z
  .strictObject({ id: z.uuid(), user: UserBasic, level: z.enum(["member", "admin"]), joined_at: timestamp })
  .meta({ id: "ProjectMember" });
export type ProjectMember = z.infer<typeof ProjectMember>;
export const PaginatedProjectMemberList = paginated(ProjectMember, "ProjectMember");
