import { STORE_SIGNED_PDF_JOB } from "../../services/legal-documents/signed";
import { storeSignedPdf } from "../../services/legal-documents/store-pdf";
import type { JobHandler } from "../types";

export { STORE_SIGNED_PDF_JOB };

/** Stores a signed legal document's PDF; a failure (PandaDoc or storage unreachable) is retried with backoff. */
export const storeSignedPdfJob: JobHandler = async ({ db, adapters, now, job, log }) => {
  const documentId = (job.payload as { document_id?: unknown }).document_id;
  if (typeof documentId !== "string") throw new Error(`${STORE_SIGNED_PDF_JOB}: payload without a document_id`);
  const outcome = await storeSignedPdf(db, adapters, documentId, now);
  log.info({ document_id: documentId, outcome }, "signed legal document PDF");
};
