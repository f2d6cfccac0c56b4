import type { LegalDocument } from "@/lib/query/types";

/** "DPA for Acme Inc.": how dialogs and notices name a document. */
export const documentLabel = (d: Pick<LegalDocument, "document_type" | "company_name">) => `${d.document_type} for ${d.company_name}`;

/** The REST download of a signed document: a redirect to a link that works for 60 seconds. */
export const downloadPath = (organizationId: string, id: string) => `/api/organizations/${organizationId}/legal_documents/${id}/download/`;

/** Why a type cannot be generated again while a document of it exists. */
export const typeTaken = (type: string, signed: boolean) =>
  signed
    ? `Your organization already has a signed ${type}. Contact support if you need a new one.`
    : `Your organization already has a ${type} waiting for signature. Resend or delete it from the list instead.`;
