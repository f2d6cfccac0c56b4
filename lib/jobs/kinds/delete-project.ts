import { DELETE_PROJECT_JOB, purgeProject } from "../../services/projects/delete";
import { enqueueJob } from "../enqueue";
import type { JobHandler } from "../types";

export { DELETE_PROJECT_JOB };

/** Removes what a deleted project owns; while its tombstone day lasts, comes back at the end of it to remove the row. */
export const deleteProjectJob: JobHandler = async ({ db, now, job, log }) => {
  const projectId = Number((job.payload as { project_id?: unknown }).project_id);
  if (!Number.isSafeInteger(projectId)) throw new Error(`${DELETE_PROJECT_JOB}: payload without a project_id`);
  const again = await purgeProject(db, projectId, now);
  if (again) await enqueueJob(db, DELETE_PROJECT_JOB, { project_id: projectId }, { runAt: again, uniqueKey: `${DELETE_PROJECT_JOB}:${projectId}:row` });
  else log.info({ project_id: projectId }, "deleted project removed");
};
