import { and, eq } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { legalDocuments, users } from "../../../db/schema";
import { env } from "../../env";
import { notFound } from "../../errors";
import { isUuid } from "../../schemas/common";
import type { LegalDocumentDTO, LegalDocumentStatus, LegalDocumentTypeName } from "../../schemas/legal-documents";
import { iso } from "../serialize";
import { legalDocumentText, documentSha256 } from "./document-text";

/** The activity-log scope of legal documents. */
export const LEGAL_DOCUMENT_SCOPE = "LegalDocument";

/** The mail kind of signing requests, as the outbox lists them. */
export const SIGNING_MAIL_KIND = "legal_document_signing";

/** How long a signing link works after the signing email was last (re)sent. */
export const SIGNING_LINK_DAYS = 14;

export type LegalDocumentRow = typeof legalDocuments.$inferSelect;
type UserRow = typeof users.$inferSelect;

/** A document on the wire; its creator shows only a first name and an email. */
export function serializeLegalDocument(row: LegalDocumentRow, createdBy: Pick<UserRow, "firstName" | "email"> | null): LegalDocumentDTO {
  return {
    id: row.id,
    document_type: row.documentType as LegalDocumentTypeName,
    company_name: row.companyName,
    representative_email: row.representativeEmail,
    status: row.status as LegalDocumentStatus,
    created_by: createdBy ? { first_name: createdBy.firstName, email: createdBy.email } : null,
    created_at: iso(row.createdAt),
  };
}

/** What the activity log records of a document: its public fields, never the signer's address or user agent. */
export function auditedFields(row: LegalDocumentRow) {
  return {
    document_type: row.documentType,
    company_name: row.companyName,
    company_address: row.companyAddress,
    representative_email: row.representativeEmail,
    status: row.status,
  };
}

/** The name an activity entry gives a document: "DPA for Acme Inc.". */
export const documentName = (row: Pick<LegalDocumentRow, "documentType" | "companyName">) => `${row.documentType} for ${row.companyName}`;

/** The party that provides the service in the documents: this site's host name. */
export const providerName = () => new URL(env().SITE_URL).host;

/** The document's full text as it was sent for signature (the stored template version, else the current one). */
export function textOf(
  row: Pick<LegalDocumentRow, "documentType" | "companyName" | "companyAddress" | "representativeEmail"> & { templateVersion?: number },
) {
  return legalDocumentText({
    documentType: row.documentType as LegalDocumentTypeName,
    companyName: row.companyName,
    companyAddress: row.companyAddress,
    representativeEmail: row.representativeEmail,
    providerName: providerName(),
    templateVersion: row.templateVersion,
  });
}

export { documentSha256 };

/** One document of the organization with its creator, locked for update when asked; 404 for any other id. */
export async function legalDocumentOf(db: Executor, organizationId: string, id: string, options: { lock?: boolean } = {}) {
  if (!isUuid(id)) throw notFound();
  const query = db
    .select({ row: legalDocuments, createdBy: users })
    .from(legalDocuments)
    .leftJoin(users, eq(users.id, legalDocuments.createdById))
    .where(and(eq(legalDocuments.organizationId, organizationId), eq(legalDocuments.id, id.toLowerCase())));
  const [found] = options.lock ? await query.for("update", { of: legalDocuments }) : await query;
  if (!found) throw notFound();
  return found;
}

/** The storage key of a document's signed PDF. */
export const signedPdfKey = (row: Pick<LegalDocumentRow, "organizationId" | "id">) => `legal_documents/${row.organizationId}/${row.id}.pdf`;

/** When a document's signing link stops working: 14 days after the signing email was last sent. */
export function signingLinkExpiry(row: Pick<LegalDocumentRow, "lastSentAt" | "createdAt">): Date {
  const from = row.lastSentAt ?? row.createdAt;
  return new Date(from.getTime() + SIGNING_LINK_DAYS * 86_400_000);
}
