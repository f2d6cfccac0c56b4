import { SEND_ENVELOPE_JOB, sendEnvelopeWhenReady } from "../../services/legal-documents/envelopes";
import type { JobHandler } from "../types";

export { SEND_ENVELOPE_JOB };

/** Sends a legal document's new PandaDoc envelope once it is a draft; retried while PandaDoc is still preparing it. */
export const sendEnvelopeJob: JobHandler = async ({ db, adapters, job, log }) => {
  const documentId = (job.payload as { document_id?: unknown }).document_id;
  if (typeof documentId !== "string") throw new Error(`${SEND_ENVELOPE_JOB}: payload without a document_id`);
  const outcome = await sendEnvelopeWhenReady(db, adapters, documentId);
  log.info({ document_id: documentId, outcome }, "legal document envelope");
};
