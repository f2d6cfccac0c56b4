/** The OpenAPI entries of an organization's legal documents (a DPA, a BAA). */
import { CreateLegalDocument, LegalDocumentDTO, PaginatedLegalDocumentDTOList } from "../schemas/legal-documents";
import {
  createLegalDocument,
  deleteLegalDocument,
  downloadLegalDocument,
  getLegalDocument,
  listLegalDocuments,
  resendLegalDocument,
} from "../services/legal-documents";
import { api, type ApiRoute } from "./api-route";

const ORG = "/api/organizations/{organization_id}";
const LEGAL = "Legal documents";
const WHO = "Administrators and owners only, reads included.";

export const LEGAL_DOCUMENT_ROUTES: ApiRoute[] = [
  api("get", `${ORG}/legal_documents/`, listLegalDocuments, PaginatedLegalDocumentDTOList, {
    operationId: "legal_documents_list", tag: LEGAL,
    summary: "List the organization's legal documents", description: `${WHO} Newest first.`,
  }),
  api("post", `${ORG}/legal_documents/`, createLegalDocument, LegalDocumentDTO, {
    operationId: "legal_documents_create", tag: LEGAL, status: 201, body: CreateLegalDocument, unavailable: true,
    summary: "Generate a DPA or a BAA for signature",
    description: `${WHO} At most one document of each type per organization. The representative receives a signing link by email (valid 14 days), or a PandaDoc envelope where PandaDoc is the e-signature provider (503 when PandaDoc fails, nothing kept).`,
  }),
  api("get", `${ORG}/legal_documents/{id}/`, getLegalDocument, LegalDocumentDTO, {
    operationId: "legal_documents_retrieve", tag: LEGAL, summary: "A legal document", description: WHO,
  }),
  api("delete", `${ORG}/legal_documents/{id}/`, deleteLegalDocument, null, {
    operationId: "legal_documents_destroy", tag: LEGAL, status: 204, unavailable: true,
    summary: "Delete an unsigned legal document",
    description: `${WHO} Frees the document's type. A signed document cannot be deleted (403). A PandaDoc envelope is cancelled first; when that fails the answer is 503 \`legal_document_void_failed\` and the document stays.`,
  }),
  api("get", `${ORG}/legal_documents/{id}/download/`, downloadLegalDocument, null, {
    operationId: "legal_documents_download_retrieve", tag: LEGAL, status: 302,
    redirect: "the signed PDF's link, valid for 60 seconds.",
    summary: "Download a signed legal document",
    description: `${WHO} Signed-in sessions only: personal API keys are refused. 404 until the document is signed and its PDF stored.`,
  }),
  api("post", `${ORG}/legal_documents/{id}/resend/`, resendLegalDocument, LegalDocumentDTO, {
    operationId: "legal_documents_resend_create", tag: LEGAL, unavailable: true,
    summary: "Send the signing request again",
    description: `${WHO} The email carries the same link, valid 14 days from now; a PandaDoc envelope is sent again. 400 for a signed document.`,
  }),
];
