import { createHmac, randomInt } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

/** One request the fake received, as a test asserts on it. */
export type FakePandaDocCall = { method: string; path: string; query: Record<string, string>; body: unknown; authorized: boolean };

export type FakePandaDocDocument = {
  id: string;
  name: string;
  status: string;
  templateId: string;
  recipients: unknown[];
  tokens: unknown[];
  dateCreated: string;
  dateModified: string;
  /** What the send call asked for (subject, message, silent), once sent. */
  sent: Record<string, unknown> | null;
};

export type FakePandaDocOperation = "create" | "status" | "send" | "void" | "delete" | "download";
export type WebhookTarget = { url: string; secret: string };
export type WebhookDelivery = { url: string; id: string; status: string; body: string; responseStatus: number | null };

/** PandaDoc's numeric status codes of its status-change call, and the states each may be set from. */
const STATUS_CODES: Record<number, { to: string; from: string[] }> = {
  2: { to: "document.completed", from: ["document.draft", "document.sent", "document.viewed", "document.voided", "document.declined"] },
  11: { to: "document.voided", from: ["document.sent", "document.viewed"] },
  12: { to: "document.declined", from: ["document.draft", "document.sent", "document.viewed", "document.completed", "document.voided"] },
};

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789";
const newId = () => Array.from({ length: 22 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");

/** A one-page PDF (Helvetica, ASCII text), its cross-reference offsets computed so that any reader accepts it. */
export function minimalPdf(text: string): Buffer {
  const content = `BT /F1 14 Tf 72 720 Td (${text.replace(/[^\x20-\x7e]/g, "?").replace(/[\\()]/g, "\\$&")}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = "%PDF-1.4\n";
  const offsets = objects.map((object, i) => {
    const at = pdf.length;
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return at;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}

/** PandaDoc's webhook body for one status change: an array of notifications, each `{event, data}`. */
export function webhookBody(doc: Pick<FakePandaDocDocument, "id" | "status"> & Partial<FakePandaDocDocument>, event = "document_state_changed") {
  const data = { id: doc.id, name: doc.name ?? "Document", status: doc.status, date_created: doc.dateCreated, date_modified: doc.dateModified, recipients: doc.recipients ?? [] };
  return JSON.stringify([{ event, data }]);
}

/**
 * Posts a webhook notification the way PandaDoc does: the hex HMAC-SHA256 of the raw body under the shared key, as the
 * `signature` query parameter (or the `X-PandaDoc-Signature` header). `signature` overrides it to send a wrong one.
 */
export async function postPandadocWebhook(url: string, body: string, secret: string, options: { via?: "query" | "header"; signature?: string } = {}) {
  const signature = options.signature ?? createHmac("sha256", secret).update(body).digest("hex");
  const target = options.via === "header" ? url : `${url}${url.includes("?") ? "&" : "?"}signature=${encodeURIComponent(signature)}`;
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (options.via === "header") headers["X-PandaDoc-Signature"] = signature;
  const res = await fetch(target, { method: "POST", headers, body });
  return { status: res.status, text: await res.text() };
}

/**
 * A stand-in for PandaDoc's public REST API on 127.0.0.1, answering its documented document calls (create from a
 * template, status, send, status change, delete, download) with its status rules: a new document is
 * `document.uploaded`, becomes `document.draft` shortly after (`draftAfterMs`, or `toDraft`), can be sent only as a
 * draft and voided only once sent or viewed. Every call is recorded; `failVoid` and `failures` make calls fail; with a
 * `webhook` target each status change is posted there, signed, as PandaDoc does.
 */
export class FakePandaDoc {
  readonly calls: FakePandaDocCall[] = [];
  readonly documents = new Map<string, FakePandaDocDocument>();
  readonly deliveries: WebhookDelivery[] = [];
  /** Void (status 11) and delete answer 503, as when PandaDoc is down. */
  failVoid = false;
  /** An operation answering with this HTTP status instead of doing its work. */
  failures: Partial<Record<FakePandaDocOperation, number>> = {};
  /** How long every answer waits (a slow or hanging PandaDoc). */
  delayMs = 0;
  webhook: WebhookTarget | null;
  private readonly deleted = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly server = createServer((req, res) => void this.handle(req, res));
  private waiters: Array<{ match: (c: FakePandaDocCall) => boolean; resolve: (c: FakePandaDocCall) => void }> = [];

  constructor(
    readonly apiKey: string,
    private readonly draftAfterMs: number | null,
    webhook: WebhookTarget | null,
  ) {
    this.webhook = webhook;
  }

  get baseUrl() {
    const address = this.server.address();
    if (!address || typeof address === "string") throw new Error("the fake PandaDoc is not listening");
    return `http://127.0.0.1:${address.port}`;
  }

  async listen(port: number) {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", resolve);
    });
  }

  /** Moves a document to `document.draft` now (when `draftAfterMs` is null, the only way it gets there). */
  toDraft = (id: string) => this.setStatus(id, "document.draft");
  /** The signer finished: `document.completed`, after which the PDF can be downloaded. */
  complete = (id: string) => this.setStatus(id, "document.completed");

  /** Sets a document's status; resolves once the webhook target (if any) has answered the notification. */
  async setStatus(id: string, status: string) {
    const doc = this.documents.get(id);
    if (!doc) throw new Error(`the fake PandaDoc has no document ${id}`);
    doc.status = status;
    doc.dateModified = new Date().toISOString();
    if (this.webhook) await this.postWebhook(this.webhook.url, id, status, this.webhook.secret);
  }

  /** Posts a signed `document_state_changed` notification for a document (known or not) to a URL. */
  async postWebhook(url: string, id: string, status: string, secret: string, options: { via?: "query" | "header"; signature?: string } = {}) {
    const body = webhookBody({ ...this.documents.get(id), id, status });
    const delivery: WebhookDelivery = { url, id, status, body, responseStatus: null };
    this.deliveries.push(delivery);
    const answer = await postPandadocWebhook(url, body, secret, options).catch(() => null);
    delivery.responseStatus = answer?.status ?? null;
    return answer;
  }

  /** Resolves with the first recorded call (past or future) that matches. */
  waitForCall(match: (c: FakePandaDocCall) => boolean, timeoutMs = 10_000): Promise<FakePandaDocCall> {
    const seen = this.calls.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the fake PandaDoc did not receive the expected call")), timeoutMs);
      this.waiters.push({ match, resolve: (c) => (clearTimeout(timer), resolve(c)) });
    });
  }

  /** Resolves with the first webhook delivery (past or future) that matches, once its receiver has answered. */
  async waitForDelivery(match: (d: WebhookDelivery) => boolean, timeoutMs = 10_000): Promise<WebhookDelivery> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.deliveries.find((d) => d.responseStatus !== null && match(d));
      if (found) return found;
      if (Date.now() > deadline) throw new Error("the fake PandaDoc made no matching webhook delivery");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async stop() {
    for (const timer of this.timers) clearTimeout(timer);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private later(ms: number, run: () => void) {
    const timer = setTimeout(() => (this.timers.delete(timer), run()), ms);
    this.timers.add(timer);
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    let body: unknown = raw || null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {}
    const url = new URL(req.url ?? "/", "http://fake");
    const call: FakePandaDocCall = { method: req.method ?? "GET", path: url.pathname, query: Object.fromEntries(url.searchParams), body, authorized: req.headers.authorization === `API-Key ${this.apiKey}` };
    this.calls.push(call);
    this.waiters = this.waiters.filter((w) => (w.match(call) ? (w.resolve(call), false) : true));
    const reply = () => this.answer(call, res);
    if (this.delayMs > 0) this.later(this.delayMs, reply);
    else reply();
  }

  private answer(call: FakePandaDocCall, res: ServerResponse) {
    const json = (status: number, value?: unknown) => {
      if (value === undefined) return void res.writeHead(status).end();
      res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(value));
    };
    const error = (status: number, type: string, detail: string) => json(status, { type, detail });
    if (!call.authorized) return error(401, "authentication_error", "Authentication credentials were not provided.");

    const match = /^\/public\/v1\/documents(?:\/([^/]+)(?:\/(send|status|download))?)?\/?$/.exec(call.path);
    const id = match?.[1] ? decodeURIComponent(match[1]) : undefined;
    const action = match?.[2];
    const operation: FakePandaDocOperation | null = !match
      ? null
      : !id ? (call.method === "POST" ? "create" : null)
        : !action ? (call.method === "GET" ? "status" : call.method === "DELETE" ? "delete" : null)
          : action === "send" && call.method === "POST" ? "send"
            : action === "status" && call.method === "PATCH" ? "void"
              : action === "download" && call.method === "GET" ? "download"
                : null;
    if (!operation) return error(404, "not_found", "Not found.");
    if (this.failVoid && (operation === "void" || operation === "delete")) return error(503, "service_unavailable", "Service temporarily unavailable.");
    const failure = this.failures[operation];
    if (failure) return error(failure, failure >= 500 ? "server_error" : "request_error", "Failure injected by the test.");

    if (operation === "create") return this.create(call.body, json, error);
    const doc = id ? this.documents.get(id) : undefined;
    if (!doc) return id && this.deleted.has(id) && operation === "delete" ? error(403, "permissions_error", "You do not have permission to perform this action.") : error(404, "not_found", "Not found.");
    const view = () => ({ id: doc.id, uuid: doc.id, name: doc.name, status: doc.status, date_created: doc.dateCreated, date_modified: doc.dateModified, expiration_date: null, version: null });

    if (operation === "status") return json(200, view());
    if (operation === "delete") {
      this.documents.delete(doc.id);
      this.deleted.add(doc.id);
      return json(204);
    }
    if (operation === "send") {
      if (doc.status === "document.uploaded") return error(409, "request_error", "Document is not ready to be sent: it is still being processed.");
      if (doc.status !== "document.draft") return error(400, "request_error", `A document in status ${doc.status} cannot be sent.`);
      doc.sent = (call.body ?? {}) as Record<string, unknown>;
      void this.setStatus(doc.id, "document.sent");
      return json(200, view());
    }
    if (operation === "void") {
      const code = (call.body as { status?: unknown } | null)?.status;
      const change = typeof code === "number" ? STATUS_CODES[code] : undefined;
      if (!change) return error(400, "request_error", "status: a valid status code is required.");
      if (!change.from.includes(doc.status)) return error(400, "request_error", `A document in status ${doc.status} cannot be moved to ${change.to}.`);
      void this.setStatus(doc.id, change.to);
      return json(204);
    }
    if (doc.status !== "document.completed") return error(409, "request_error", "Only a completed document can be downloaded.");
    res.writeHead(200, { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${doc.id}.pdf"` }).end(minimalPdf(`${doc.name} - signed - ${doc.id}`));
  }

  private create(body: unknown, json: (status: number, value?: unknown) => void, error: (status: number, type: string, detail: string) => void) {
    const input = (body ?? {}) as Record<string, unknown>;
    if (typeof input.template_uuid !== "string" || !input.template_uuid) return error(400, "request_error", "template_uuid: This field is required.");
    if (!Array.isArray(input.recipients) || input.recipients.length === 0) return error(400, "request_error", "recipients: This field is required.");
    const now = new Date().toISOString();
    const doc: FakePandaDocDocument = {
      id: newId(),
      name: typeof input.name === "string" && input.name ? input.name : "Untitled document",
      status: "document.uploaded",
      templateId: input.template_uuid,
      recipients: input.recipients,
      tokens: Array.isArray(input.tokens) ? input.tokens : [],
      dateCreated: now,
      dateModified: now,
      sent: null,
    };
    this.documents.set(doc.id, doc);
    if (this.draftAfterMs !== null) this.later(this.draftAfterMs, () => void this.toDraft(doc.id).catch(() => undefined));
    json(201, { id: doc.id, uuid: doc.id, name: doc.name, status: doc.status, date_created: now, date_modified: now, expiration_date: null, version: null });
  }
}

/** Starts the fake on 127.0.0.1 (`port` 0, the default, picks a free one); `stop()` when done. */
export async function startFakePandaDoc(options: { apiKey?: string; port?: number; draftAfterMs?: number | null; webhook?: WebhookTarget } = {}) {
  const fake = new FakePandaDoc(options.apiKey ?? `fake-pandadoc-${newId()}`, options.draftAfterMs === undefined ? 50 : options.draftAfterMs, options.webhook ?? null);
  await fake.listen(options.port ?? 0);
  return fake;
}
