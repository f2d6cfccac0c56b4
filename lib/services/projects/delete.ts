import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { personalApiKeys, projectMemberships, projects, users } from "../../../db/schema";
import { USER_CALLERS } from "../../auth/principal";
import { projectAdminDenial } from "../../auth/project-rules";
import { enforce, invalidInput } from "../../errors";
import { enqueueJob } from "../../jobs/enqueue";
import { projectIdInput } from "../../schemas/projects";
import { recordActivity, wholeObjectChanges } from "../activity";
import { operation } from "../operation";
import { PROJECT_SCOPE, reachProject } from "./access";
import { auditedProject } from "./serialize";

/** The job kind that removes a deleted project's belongings, then (a day later) the project itself. */
export const DELETE_PROJECT_JOB = "projects.delete";

/** How long a deleted project stays a tombstone before its row goes. */
export const PROJECT_TOMBSTONE_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes a project (project admins, 204): it disappears from lists and `@current` at once, and a job removes what it
 * owns, then the project itself a day later. Deleting it again is 400.
 */
export const deleteProject = operation({
  permission: "project:write",
  callers: USER_CALLERS,
  project: true,
  input: projectIdInput,
  run: async (ctx, { id }) =>
    ctx.db.transaction(async (tx) => {
      const { row, effective } = await reachProject(tx, ctx, id, { lock: true, pending: true });
      enforce(projectAdminDenial(effective));
      if (row.isPendingDeletion) throw invalidInput("This project is already being deleted.");
      await tx.update(projects).set({ isPendingDeletion: true, deletionRequestedAt: ctx.now }).where(eq(projects.id, row.id));
      await enqueueJob(tx, DELETE_PROJECT_JOB, { project_id: row.id }, { uniqueKey: `${DELETE_PROJECT_JOB}:${row.id}` });
      const changes = wholeObjectChanges(PROJECT_SCOPE, "deleted", auditedProject(row));
      await recordActivity(tx, ctx.principal, { organizationId: ctx.organization.id, scope: PROJECT_SCOPE, itemId: row.id, activity: "deleted", name: row.name, changes }, ctx.now);
      return null;
    }),
});

/**
 * The deletion job's work, safe to repeat: drops the project's memberships, clears it as anyone's current project and
 * takes it off project-scoped keys (a key scoped to it alone keeps its id, so it reaches nothing rather than every
 * project), then removes the row once the tombstone day has passed. Returns when to run again, or null when done.
 */
export async function purgeProject(db: Executor, projectId: number, now: Date): Promise<Date | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(projects).where(and(eq(projects.id, projectId), projects.isPendingDeletion)).for("update");
    if (!row) return null;
    await tx.delete(projectMemberships).where(eq(projectMemberships.projectId, projectId));
    await tx.update(users).set({ currentProjectId: null }).where(eq(users.currentProjectId, projectId));
    await tx
      .update(personalApiKeys)
      .set({ scopedTeams: sql`array_remove(${personalApiKeys.scopedTeams}, ${projectId}::integer)` })
      .where(sql`${projectId}::integer = any(${personalApiKeys.scopedTeams}) and cardinality(${personalApiKeys.scopedTeams}) > 1`);
    const due = new Date((row.deletionRequestedAt ?? now).getTime() + PROJECT_TOMBSTONE_MS);
    if (now < due) return due;
    await tx.delete(projects).where(eq(projects.id, projectId));
    return null;
  });
}
