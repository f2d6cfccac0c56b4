import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { legalDocuments } from "../../../db/schema";
import type { Adapters } from "../../adapters";
import type { EsignProvider } from "../../adapters/esign";
import { AppError } from "../../errors";
import { log } from "../../log";
import type { LegalDocumentTypeName } from "../../schemas/legal-documents";
import type { LegalDocumentRow } from "./rows";

type PandaDoc = Extract<EsignProvider, { kind: "pandadoc" }>;

/** The recipient role the templates give the person who signs. */
export const SIGNER_ROLE = "Signer";

type EnvelopeFields = { documentType: LegalDocumentTypeName; companyName: string; companyAddress: string; representativeEmail: string; title: string };

/**
 * Creates the PandaDoc document from the type's template, the representative as its signer and the company's details
 * as tokens; it is sent once PandaDoc has made it a draft (`sendEnvelopeWhenReady`). 503 when PandaDoc fails.
 */
export async function createEnvelope(esign: PandaDoc, fields: EnvelopeFields): Promise<string> {
  try {
    const created = await esign.client.createFromTemplate({
      name: `${fields.title}: ${fields.companyName}`,
      templateId: esign.templateIds[fields.documentType],
      recipients: [{ email: fields.representativeEmail, role: SIGNER_ROLE }],
      tokens: [
        { name: "Company.Name", value: fields.companyName },
        { name: "Company.Address", value: fields.companyAddress },
        { name: "Representative.Email", value: fields.representativeEmail },
      ],
    });
    return created.id;
  } catch (err) {
    log.warn({ err }, "could not create a PandaDoc envelope");
    throw new AppError("legal_document_send_failed");
  }
}

/** The message PandaDoc's email carries to the signer. */
export const envelopeMessage = (row: Pick<LegalDocumentRow, "documentType" | "companyName">) => ({
  subject: `Please sign: ${row.documentType} for ${row.companyName}`,
  message: `Please review and sign the ${row.documentType} for ${row.companyName}.`,
});

/** Sends (or sends again) a document's PandaDoc envelope to its signer; 503 when PandaDoc fails. */
export async function sendEnvelope(esign: PandaDoc, row: Pick<LegalDocumentRow, "envelopeId" | "documentType" | "companyName">) {
  try {
    await esign.client.send(row.envelopeId!, envelopeMessage(row));
  } catch (err) {
    log.warn({ err, envelope_id: row.envelopeId }, "could not send a PandaDoc envelope");
    throw new AppError("legal_document_send_failed");
  }
}

/** The job that sends a new PandaDoc envelope once PandaDoc has made it a draft. */
export const SEND_ENVELOPE_JOB = "legal_documents.send_envelope";

/**
 * Sends a document's envelope once PandaDoc reports it a draft (a new envelope is `document.uploaded` for a moment):
 * throws while it is not ready, so the job is retried; does nothing once it was sent, signed or deleted. Both the
 * create and PandaDoc's `document.draft` webhook queue this one job, so the envelope is sent once whichever comes first.
 */
export async function sendEnvelopeWhenReady(db: Db, adapters: Pick<Adapters, "esign">, documentId: string): Promise<"sent" | "skipped"> {
  const [row] = await db.select().from(legalDocuments).where(eq(legalDocuments.id, documentId));
  if (!row || row.status === "signed" || !row.envelopeId) return "skipped";
  if (adapters.esign.kind !== "pandadoc") throw new Error("PandaDoc is not configured: the envelope cannot be sent");
  const status = await adapters.esign.client.status(row.envelopeId);
  if (status === "document.uploaded") throw new Error(`PandaDoc envelope ${row.envelopeId} is not a draft yet`);
  if (status !== "document.draft") return "skipped";
  await adapters.esign.client.send(row.envelopeId, envelopeMessage(row));
  return "sent";
}
