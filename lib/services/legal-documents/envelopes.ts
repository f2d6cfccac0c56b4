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
 * as tokens; PandaDoc then reports it as a draft through the webhook, which sends it. 503 when PandaDoc fails.
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
