import { EnvError, type Env } from "../../env";
import { pandadocClient } from "./pandadoc";

export { PandaDocError } from "./pandadoc";
export { parsePandadocEvents, verifyPandadocSignature, type PandadocEvent } from "./webhook-signature";

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
   * (`PATCH /public/v1/documents/{id}/status` with `{"status": 11}`); one already voided, declined or gone is done.
   * Throws `PandaDocError` when PandaDoc refuses or cannot be reached, and for a completed (signed) document.
   */
  cancel(id: string): Promise<void>;
  /** `GET /public/v1/documents/{id}/download`: the signed PDF's bytes (anything but a PDF is refused). */
  download(id: string): Promise<Uint8Array>;
}

export type EsignProvider =
  | { kind: "local" }
  | { kind: "pandadoc"; client: PandaDocClient; templateIds: Record<LegalDocumentType, string>; webhookSecret: string };

/** The e-signature provider ESIGN_PROVIDER names: Orgdeck's own signing page by default, else PandaDoc with its settings. */
export function esignFor(settings: Env): EsignProvider {
  if (settings.ESIGN_PROVIDER !== "pandadoc") return { kind: "local" };
  const need = (name: "PANDADOC_API_KEY" | "PANDADOC_BAA_TEMPLATE_ID" | "PANDADOC_DPA_TEMPLATE_ID" | "PANDADOC_WEBHOOK_SECRET") => {
    const value = settings[name];
    if (!value) throw new EnvError(`Invalid configuration: ${name} is required when ESIGN_PROVIDER is pandadoc`);
    return value;
  };
  return {
    kind: "pandadoc",
    client: pandadocClient({ apiKey: need("PANDADOC_API_KEY"), baseUrl: settings.PANDADOC_BASE_URL }),
    templateIds: { BAA: need("PANDADOC_BAA_TEMPLATE_ID"), DPA: need("PANDADOC_DPA_TEMPLATE_ID") },
    webhookSecret: need("PANDADOC_WEBHOOK_SECRET"),
  };
}
