/**
 * Who collects signatures on legal documents (ESIGN_PROVIDER): `local`, Orgdeck's own signing page reached from an
 * emailed link, or `pandadoc`, PandaDoc's public REST API with its webhook.
 */
export type LegalDocumentType = "BAA" | "DPA";

/** PandaDoc's public REST API, as far as Orgdeck uses it (see `pandadoc.ts`). */
export interface PandaDocClient {
  /** `POST /public/v1/documents` from a template; PandaDoc answers `{id, status: "document.uploaded"}`. */
  createFromTemplate(input: {
    name: string;
    templateId: string;
    recipients: { email: string; role: string; first_name?: string; last_name?: string }[];
    tokens: { name: string; value: string }[];
  }): Promise<{ id: string; status: string }>;
  /** `GET /public/v1/documents/{id}`: the document's status (`document.draft`, `document.sent`, …). */
  status(id: string): Promise<string>;
  /** `POST /public/v1/documents/{id}/send`. */
  send(id: string, message: { subject: string; message: string }): Promise<void>;
  /**
   * Cancels the envelope: a draft is deleted (`DELETE /public/v1/documents/{id}`), a sent or viewed one is voided
   * (`PATCH /public/v1/documents/{id}/status` with `{"status": 11}`). Throws when PandaDoc refuses or cannot be reached.
   */
  cancel(id: string): Promise<void>;
  /** `GET /public/v1/documents/{id}/download`: the signed PDF. */
  download(id: string): Promise<Uint8Array>;
}

export type EsignProvider =
  | { kind: "local" }
  | { kind: "pandadoc"; client: PandaDocClient; templateIds: Record<LegalDocumentType, string>; webhookSecret: string };
