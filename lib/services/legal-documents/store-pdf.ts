import { and, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { legalDocuments } from "../../../db/schema";
import type { Adapters } from "../../adapters";
import { documentSha256, signedPdfKey, textOf, type LegalDocumentRow } from "./rows";
import { renderSignedPdf } from "./signed-pdf";

/** The PDF of a document signed on Orgdeck's page: its text, then an audit page of the signature. */
async function renderLocalPdf(row: LegalDocumentRow): Promise<Uint8Array> {
  const text = textOf(row);
  // The PDF must carry the very text that was signed: a template changed under a stored version is an error.
  if (documentSha256(text) !== row.documentSha256) throw new Error(`legal document ${row.id}: its text no longer matches the signed hash`);
  return renderSignedPdf({
    documentId: row.id,
    text,
    documentSha256: row.documentSha256,
    companyName: row.companyName,
    representativeEmail: row.representativeEmail,
    signer: { name: row.signerName ?? "", title: row.signerTitle ?? "", address: row.signerAddress ?? "", userAgent: row.signerUserAgent ?? "" },
    createdAt: row.createdAt,
    sentAt: row.lastSentAt ?? row.createdAt,
    signedAt: row.signedAt ?? row.updatedAt,
    requestId: row.signingRequestId ?? "",
  });
}

/**
 * Stores a signed document's PDF under `legal_documents/<organization>/<document>.pdf` and marks it stored, which
 * opens its download: rendered for local signatures, downloaded from PandaDoc for theirs. Safe to repeat; a document
 * deleted or not signed is left alone. Throws (to be retried) when the PDF cannot be had or stored.
 */
export async function storeSignedPdf(db: Db, adapters: Pick<Adapters, "storage" | "esign">, documentId: string, now: Date): Promise<"stored" | "skipped"> {
  const [row] = await db.select().from(legalDocuments).where(eq(legalDocuments.id, documentId));
  if (!row || row.status !== "signed" || row.signedPdfStored) return "skipped";
  let bytes: Uint8Array;
  if (row.esignProvider === "pandadoc") {
    if (adapters.esign.kind !== "pandadoc" || !row.envelopeId) throw new Error("PandaDoc is not configured: the signed PDF cannot be downloaded");
    bytes = await adapters.esign.client.download(row.envelopeId);
  } else {
    bytes = await renderLocalPdf(row);
  }
  const key = signedPdfKey(row);
  await adapters.storage.put(key, bytes, "application/pdf");
  await db
    .update(legalDocuments)
    .set({ signedPdfKey: key, signedPdfStored: true, updatedAt: now })
    .where(and(eq(legalDocuments.id, row.id), eq(legalDocuments.status, "signed")));
  return "stored";
}
