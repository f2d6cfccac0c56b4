/** Legal documents: a DPA or a BAA per organization, signed on Orgdeck's own page or through PandaDoc, stored as PDFs. */
export {
  createLegalDocument,
  deleteLegalDocument,
  downloadLegalDocument,
  getLegalDocument,
  listLegalDocuments,
  resendLegalDocument,
} from "./documents";
export { inspectSigningLink, signWithLink, type SigningLinkState } from "./signing";
export { handlePandadocWebhook } from "./pandadoc-webhook";
