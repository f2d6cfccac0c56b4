import { z } from "zod";
import { USER_CALLERS } from "../../auth/principal";
import { createProjectDenial } from "../../auth/project-rules";
import { operation } from "../operation";

/**
 * Whether the caller may create projects here (organization admins, or members where the organization lets them), for
 * the console to enable its button; creating checks the same rule.
 */
export const getProjectCreation = operation({
  permission: "project:read",
  callers: USER_CALLERS,
  input: z.object({}),
  run: async ({ membership, organization }) => {
    const denial = createProjectDenial(membership.level, organization.membersCanCreateProjects);
    return { can_create: denial === null, reason: denial?.hint ?? null };
  },
});
