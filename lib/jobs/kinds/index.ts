import type { JobHandler, JobSchedule } from "../types";
import { RUN_BATCH_EXPORTS_JOB, runBatchExports, SCHEDULE_BATCH_EXPORTS_JOB, scheduleBatchExports } from "./batch-exports";
import { DELETE_ORGANIZATION_JOB, deleteOrganizationJob } from "./delete-organization";
import { DELETE_PROJECT_JOB, deleteProjectJob } from "./delete-project";
import { SEND_ENVELOPE_JOB, sendEnvelopeJob } from "./legal-document-envelope";
import { STORE_SIGNED_PDF_JOB, storeSignedPdfJob } from "./legal-document-pdf";
import { MAIL_OUTBOX, runMailOutbox } from "./mail-outbox";
import { PRUNE_JOBS, pruneJobs } from "./prune-jobs";
import { PRUNE_SCIM_LOGS, pruneScimLogs } from "./prune-scim-logs";
import { RECHECK_DOMAINS, recheckDomains } from "./recheck-domains";
import { ROTATE_SIGNING_KEYS, rotateSigningKeys } from "./signing-keys";

/** Every job kind this code runs, by name: a job whose kind is missing here fails with an error that names it. */
export const jobKinds: Record<string, JobHandler> = {
  [RUN_BATCH_EXPORTS_JOB]: runBatchExports,
  [SCHEDULE_BATCH_EXPORTS_JOB]: scheduleBatchExports,
  [DELETE_ORGANIZATION_JOB]: deleteOrganizationJob,
  [DELETE_PROJECT_JOB]: deleteProjectJob,
  [MAIL_OUTBOX]: runMailOutbox,
  [PRUNE_JOBS]: pruneJobs,
  [SEND_ENVELOPE_JOB]: sendEnvelopeJob,
  [STORE_SIGNED_PDF_JOB]: storeSignedPdfJob,
  [PRUNE_SCIM_LOGS]: pruneScimLogs,
  [RECHECK_DOMAINS]: recheckDomains,
  [ROTATE_SIGNING_KEYS]: rotateSigningKeys,
};

/** The recurring work this code runs, written to job_schedules when a runner starts. */
export const recurringJobs: JobSchedule[] = [
  { name: SCHEDULE_BATCH_EXPORTS_JOB, kind: SCHEDULE_BATCH_EXPORTS_JOB, intervalSeconds: 60 },
  { name: RUN_BATCH_EXPORTS_JOB, kind: RUN_BATCH_EXPORTS_JOB, intervalSeconds: 10 },
  { name: MAIL_OUTBOX, kind: MAIL_OUTBOX, intervalSeconds: 5 },
  { name: PRUNE_JOBS, kind: PRUNE_JOBS, intervalSeconds: 3600 },
  { name: PRUNE_SCIM_LOGS, kind: PRUNE_SCIM_LOGS, intervalSeconds: 86_400 },
  { name: RECHECK_DOMAINS, kind: RECHECK_DOMAINS, intervalSeconds: 86_400 },
  { name: ROTATE_SIGNING_KEYS, kind: ROTATE_SIGNING_KEYS, intervalSeconds: 3600 },
];
