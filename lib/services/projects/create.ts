import { eq } from "drizzle-orm";
import { projectMemberships, projects, users } from "../../../db/schema";
import { ADMIN } from "../../auth/permissions";
import { USER_CALLERS, projectLimit } from "../../auth/principal";
import { createProjectDenial, effectiveProjectLevel } from "../../auth/project-rules";
import { enforce, permissionDenied } from "../../errors";
import { createProjectInput } from "../../schemas/projects";
import { recordActivity, wholeObjectChanges } from "../activity";
import { operation } from "../operation";
import { PROJECT_SCOPE } from "./access";
import { checkNameFree, checkOneDemo, checkProjectCap, lockOrganization, newApiToken, newSecretToken, rethrowNameTaken } from "./limits";
import { auditedProject, serializeProject } from "./serialize";
import { createColumns } from "./settings";

/**
 * Creates a project: organization admins, or members where the organization lets them; at most one demo project and
 * ORGDECK_MAX_PROJECTS_PER_ORG others; names unique in the organization (409). The creator becomes a project admin of a
 * private project, and the project becomes their current one. The secret token is in this response only.
 */
export const createProject = operation({
  permission: "project:write",
  callers: USER_CALLERS,
  project: true,
  input: createProjectInput,
  authorize: ({ principal, membership, organization }) => {
    // A key limited to some projects could never reach the one it made.
    if (projectLimit(principal) !== null) throw permissionDenied("API keys with scoped projects cannot create projects.");
    enforce(createProjectDenial(membership.level, organization.membersCanCreateProjects));
  },
  run: async ({ db, organization, principal, user, membership, now }, input) => {
    try {
      return await db.transaction(async (tx) => {
        await lockOrganization(tx, organization.id);
        if (input.is_demo) await checkOneDemo(tx, organization.id);
        else await checkProjectCap(tx, organization.id);
        await checkNameFree(tx, organization.id, input.name);
        const secret = newSecretToken();
        const [row] = await tx
          .insert(projects)
          .values({
            organizationId: organization.id,
            ...createColumns(input),
            name: input.name,
            apiToken: newApiToken(),
            secretApiTokenHash: secret.hash,
            createdById: user.id,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        if (row.accessControl) await tx.insert(projectMemberships).values({ projectId: row.id, userId: user.id, level: ADMIN, joinedAt: now });
        await tx.update(users).set({ currentProjectId: row.id }).where(eq(users.id, user.id));
        const changes = wholeObjectChanges(PROJECT_SCOPE, "created", auditedProject(row));
        await recordActivity(tx, principal, { organizationId: organization.id, scope: PROJECT_SCOPE, itemId: row.id, activity: "created", name: row.name, changes }, now);
        const effective = effectiveProjectLevel(membership.level, row.accessControl, row.accessControl ? ADMIN : null);
        return serializeProject(row, effective, secret.value);
      });
    } catch (err) {
      rethrowNameTaken(err, input.name);
    }
  },
});
