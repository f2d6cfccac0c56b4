import { eq } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { projects } from "../../../db/schema";
import { ADMIN } from "../../auth/permissions";
import { USER_CALLERS } from "../../auth/principal";
import { effectiveProjectLevel, projectChangeDenial } from "../../auth/project-rules";
import { enforce } from "../../errors";
import { replaceProjectInput, updateProjectInput, type ProjectWritable } from "../../schemas/projects";
import { diffChanges, recordActivity } from "../activity";
import { operation, type OrgContext } from "../operation";
import { PROJECT_SCOPE, projectLevelOf, reachProject, type ProjectRow } from "./access";
import { checkNameFree, checkOneDemo, checkProjectCap, lockOrganization, newSecretToken, rethrowNameTaken } from "./limits";
import { auditedProject, serializeProject } from "./serialize";
import { patchColumns, replaceColumns } from "./settings";

type Change = Partial<ProjectWritable> & { id: string; secret_api_token_action?: "rotate" };

/** The project-admin fields a request really changes: a name or access control sent as they are is no change. */
function adminFieldsChanged(row: ProjectRow, input: Change) {
  return [
    ...(input.name !== undefined && input.name !== row.name ? ["name"] : []),
    ...(input.access_control !== undefined && input.access_control !== row.accessControl ? ["access_control"] : []),
    ...(input.secret_api_token_action !== undefined ? ["secret_api_token_action"] : []),
  ];
}

/** The caller's effective level once the change is written (turning access control on or off changes it). */
async function levelAfter(tx: Executor, ctx: OrgContext, row: ProjectRow) {
  const projectLevel = row.accessControl && ctx.membership.level < ADMIN ? await projectLevelOf(tx, row.id, ctx.user.id) : null;
  return effectiveProjectLevel(ctx.membership.level, row.accessControl, projectLevel);
}

async function changeProject(ctx: OrgContext, input: Change, mode: "patch" | "replace") {
  const { db, organization, principal, now } = ctx;
  try {
    return await db.transaction(async (tx) => {
      if (mode === "replace") {
        await lockOrganization(tx, organization.id);
        await checkProjectCap(tx, organization.id);
      }
      const { row: before, effective } = await reachProject(tx, ctx, input.id, { lock: true });
      enforce(projectChangeDenial(effective, adminFieldsChanged(before, input)));
      if (input.name !== undefined && input.name.toLowerCase() !== before.name.toLowerCase()) await checkNameFree(tx, organization.id, input.name, before.id);
      if (input.is_demo === true && !before.isDemo) await checkOneDemo(tx, organization.id, before.id);
      const secret = input.secret_api_token_action === "rotate" ? newSecretToken() : null;
      const columns = {
        ...(mode === "patch" ? patchColumns(before, input) : replaceColumns(before, input)),
        ...(secret && { secretApiTokenHash: secret.hash, secretApiTokenBackupHash: before.secretApiTokenHash }),
      };
      const written = Object.keys(columns).length > 0;
      const [after] = written ? await tx.update(projects).set({ ...columns, updatedAt: now }).where(eq(projects.id, before.id)).returning() : [before];
      const changes = diffChanges(PROJECT_SCOPE, auditedProject(before), auditedProject(after));
      const entry = { organizationId: organization.id, scope: PROJECT_SCOPE, itemId: after.id, name: after.name };
      if (changes.length > 0) await recordActivity(tx, principal, { ...entry, activity: "updated", changes }, now);
      if (secret) await recordActivity(tx, principal, { ...entry, activity: "secret_token_rotated" }, now);
      return serializeProject(after, await levelAfter(tx, ctx, after), secret?.value ?? null);
    });
  } catch (err) {
    rethrowNameTaken(err, input.name);
  }
}

/**
 * Changes some of a project's settings (PATCH): the dict settings are merged into what is stored. Project members may
 * change settings; the name, access control and the secret token (`secret_api_token_action: "rotate"`) need a project
 * admin.
 */
export const updateProject = operation({
  permission: "project:write",
  callers: USER_CALLERS,
  project: true,
  input: updateProjectInput,
  run: async (ctx, input) => changeProject(ctx, input, "patch"),
});

/**
 * Replaces a project's settings (PUT): settings left out return to their defaults. Like creating one, it is refused
 * when the organization is at its project cap.
 */
export const replaceProject = operation({
  permission: "project:write",
  callers: USER_CALLERS,
  project: true,
  input: replaceProjectInput,
  run: async (ctx, input) => changeProject(ctx, input, "replace"),
});
