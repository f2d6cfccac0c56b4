import { DELETE_ORGANIZATION_JOB, purgeOrganization } from "../../services/organization-delete";
import type { JobHandler } from "../types";

export { DELETE_ORGANIZATION_JOB };

/** Removes what a deleted organization owns, then its row, then the bytes of its uploads and signed PDFs. */
export const deleteOrganizationJob: JobHandler = async ({ db, adapters, job, log }) => {
  const organizationId = (job.payload as { organization_id?: unknown }).organization_id;
  if (typeof organizationId !== "string") throw new Error(`${DELETE_ORGANIZATION_JOB}: payload without an organization_id`);
  const uploads = await purgeOrganization(db, organizationId);
  if (!uploads) return;
  await Promise.all(uploads.map((key) => adapters.storage.delete(key)));
  log.info({ organization_id: organizationId }, "deleted organization removed");
};
