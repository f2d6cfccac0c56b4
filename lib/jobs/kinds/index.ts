import type { JobHandler, JobSchedule } from "../types";
import { DELETE_PROJECT_JOB, deleteProjectJob } from "./delete-project";
import { MAIL_OUTBOX, runMailOutbox } from "./mail-outbox";
import { PRUNE_JOBS, pruneJobs } from "./prune-jobs";
import { PRUNE_SCIM_LOGS, pruneScimLogs } from "./prune-scim-logs";
import { RECHECK_DOMAINS, recheckDomains } from "./recheck-domains";
import { ROTATE_SIGNING_KEYS, rotateSigningKeys } from "./signing-keys";

/** Every job kind this code runs, by name: a job whose kind is missing here fails with an error that names it. */
export const jobKinds: Record<string, JobHandler> = {
  [DELETE_PROJECT_JOB]: deleteProjectJob,
  [MAIL_OUTBOX]: runMailOutbox,
  [PRUNE_JOBS]: pruneJobs,
  [PRUNE_SCIM_LOGS]: pruneScimLogs,
  [RECHECK_DOMAINS]: recheckDomains,
  [ROTATE_SIGNING_KEYS]: rotateSigningKeys,
};

/** The recurring work this code runs, written to job_schedules when a runner starts. */
export const recurringJobs: JobSchedule[] = [
  { name: MAIL_OUTBOX, kind: MAIL_OUTBOX, intervalSeconds: 5 },
  { name: PRUNE_JOBS, kind: PRUNE_JOBS, intervalSeconds: 3600 },
  { name: PRUNE_SCIM_LOGS, kind: PRUNE_SCIM_LOGS, intervalSeconds: 86_400 },
  { name: RECHECK_DOMAINS, kind: RECHECK_DOMAINS, intervalSeconds: 86_400 },
  { name: ROTATE_SIGNING_KEYS, kind: ROTATE_SIGNING_KEYS, intervalSeconds: 3600 },
];
