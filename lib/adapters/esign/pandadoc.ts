import type { PandaDocClient } from "./index";

/**
 * PandaDoc refused a call (non-2xx, with its `type` and `detail`) or could not be reached (`status` null). Callers
 * decide what it means; cancelling a document, for one, treats any of these as "the envelope is still live".
 */
export class PandaDocError extends Error {
  readonly status: number | null;
  /** PandaDoc's error type (`request_error`, `not_found`, …), or ours: `network_error`, `timeout`, `unexpected_response`, `document_completed`. */
  readonly type: string;
  readonly detail: string;

  constructor({ status = null, type, detail, method, path }: { status?: number | null; type: string; detail: string; method: string; path: string }) {
    super(`PandaDoc ${method} ${path}: ${status ?? type}${detail ? ` (${detail})` : ""}`);
    this.name = "PandaDocError";
    this.status = status;
    this.type = type;
    this.detail = detail;
  }
}

const DEFAULT_TIMEOUT_MS = 15_000;
/** PandaDoc's numeric code for `document.voided` in its status-change call. */
const VOIDED = 11;
/** States PandaDoc lets a document be deleted from before anyone could sign it. */
const DELETABLE = new Set(["document.uploaded", "document.draft", "document.error"]);
/** States in which nobody can sign any more: cancelling again has nothing left to do. */
const CLOSED = new Set(["document.voided", "document.declined", "document.deleted", "document.cancelled"]);
/** Signed (and possibly paid): such a document is kept, never cancelled. */
const SIGNED = new Set(["document.completed", "document.waiting_pay", "document.paid"]);

type Call = { method: "GET" | "POST" | "PATCH" | "DELETE"; path: string; body?: unknown };

/** PandaDoc's error body is `{type, detail}` (detail a string or an object); anything else is kept as short text. */
function describe(text: string): { type: string; detail: string } {
  try {
    const body = JSON.parse(text) as { type?: unknown; detail?: unknown };
    if (body && typeof body === "object") {
      const detail = typeof body.detail === "string" ? body.detail : body.detail !== undefined ? JSON.stringify(body.detail) : text;
      return { type: typeof body.type === "string" ? body.type : "request_error", detail: detail.slice(0, 500) };
    }
  } catch {}
  return { type: "request_error", detail: text.trim().slice(0, 500) };
}

/**
 * A client of PandaDoc's public REST API (`Authorization: API-Key <key>`, JSON bodies, every call bounded by a timeout).
 * The base URL is an operator setting (PANDADOC_BASE_URL), never one an admin types, so it is fetched directly rather
 * than through the outbound helper that guards admin-typed URLs (and a local stand-in on 127.0.0.1 stays reachable).
 */
export function pandadocClient({ apiKey, baseUrl, timeoutMs = DEFAULT_TIMEOUT_MS }: { apiKey: string; baseUrl: string; timeoutMs?: number }): PandaDocClient {
  const root = baseUrl.replace(/\/+$/, "");
  const documentPath = (id: string) => `/public/v1/documents/${encodeURIComponent(id)}`;

  async function request({ method, path, body }: Call, accept = "application/json", redirect: RequestRedirect = "error"): Promise<Response> {
    const headers: Record<string, string> = { Authorization: `API-Key ${apiKey}`, Accept: accept };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let res: Response;
    try {
      res = await fetch(`${root}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
        redirect,
      });
    } catch (err) {
      throw unreachable(err, method, path);
    }
    if (!res.ok) {
      const text = await res.text().catch(() => "");
      throw new PandaDocError({ status: res.status, ...describe(text), method, path });
    }
    return res;
  }

  function unreachable(err: unknown, method: string, path: string) {
    const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
    const cause = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
    return new PandaDocError({ type: timedOut ? "timeout" : "network_error", detail: timedOut ? `no answer within ${timeoutMs} ms` : cause, method, path });
  }

  async function json(call: Call): Promise<Record<string, unknown>> {
    const res = await request(call);
    let text: string;
    try {
      text = await res.text();
    } catch (err) {
      throw unreachable(err, call.method, call.path);
    }
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {}
    if (body && typeof body === "object" && !Array.isArray(body)) return body as Record<string, unknown>;
    throw new PandaDocError({ status: res.status, type: "unexpected_response", detail: "the answer is not a JSON object", method: call.method, path: call.path });
  }

  function stringField(body: Record<string, unknown>, name: string, call: Call): string {
    const value = body[name];
    if (typeof value === "string" && value) return value;
    throw new PandaDocError({ type: "unexpected_response", detail: `the answer has no ${name}`, method: call.method, path: call.path });
  }

  /** Runs a removal; a 404 means PandaDoc no longer has the document, which is what the removal wanted. */
  async function removal(call: Call) {
    try {
      const res = await request(call);
      await res.arrayBuffer().catch(() => undefined);
    } catch (err) {
      if (err instanceof PandaDocError && err.status === 404) return;
      // PandaDoc answers 403 to deleting a document that is already deleted: gone is gone.
      if (err instanceof PandaDocError && err.status === 403 && (await currentStatus(call.path.replace(/\/status$/, ""))) === null) return;
      throw err;
    }
  }

  /** The document's status, or null when PandaDoc no longer has it. */
  async function currentStatus(path: string): Promise<string | null> {
    const call: Call = { method: "GET", path };
    try {
      return stringField(await json(call), "status", call);
    } catch (err) {
      if (err instanceof PandaDocError && err.status === 404) return null;
      throw err;
    }
  }

  return {
    async createFromTemplate({ name, templateId, recipients, tokens }) {
      const call: Call = { method: "POST", path: "/public/v1/documents", body: { name, template_uuid: templateId, recipients, tokens } };
      const body = await json(call);
      return { id: stringField(body, "id", call), status: stringField(body, "status", call) };
    },

    async status(id) {
      const call: Call = { method: "GET", path: documentPath(id) };
      return stringField(await json(call), "status", call);
    },

    async send(id, { subject, message }) {
      const res = await request({ method: "POST", path: `${documentPath(id)}/send`, body: { subject, message, silent: false } });
      await res.arrayBuffer().catch(() => undefined);
    },

    async cancel(id) {
      const path = documentPath(id);
      const status = await currentStatus(path);
      if (status === null || CLOSED.has(status)) return;
      if (SIGNED.has(status)) {
        throw new PandaDocError({ type: "document_completed", detail: `the document is ${status}: a signed document is not cancelled`, method: "GET", path });
      }
      if (DELETABLE.has(status)) await removal({ method: "DELETE", path });
      else await removal({ method: "PATCH", path: `${path}/status`, body: { status: VOIDED } });
    },

    async download(id) {
      const call: Call = { method: "GET", path: `${documentPath(id)}/download` };
      // The file may be served from elsewhere (a storage link PandaDoc redirects to): follow it, for this call only.
      const res = await request(call, "application/pdf", "follow");
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await res.arrayBuffer());
      } catch (err) {
        throw unreachable(err, call.method, call.path);
      }
      // Anything but a PDF (an HTML error page behind a proxy, say) must not be archived as the signed document.
      if (Buffer.from(bytes.subarray(0, 5)).toString("latin1") !== "%PDF-") {
        throw new PandaDocError({ status: res.status, type: "unexpected_response", detail: "the download is not a PDF", method: call.method, path: call.path });
      }
      return bytes;
    },
  };
}
