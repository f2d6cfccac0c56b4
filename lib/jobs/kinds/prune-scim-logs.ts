import { pruneScimRequestLogs } from "../../services/scim/request-log";
import type { JobHandler } from "../types";

/** The job kind (and daily schedule) that deletes SCIM request logs past their 30 days. */
export const PRUNE_SCIM_LOGS = "scim.logs.prune";

export const pruneScimLogs: JobHandler = async ({ db, now, log }) => {
  const deleted = await pruneScimRequestLogs(db, now);
  if (deleted) log.info({ deleted }, "old SCIM request logs pruned");
};
