import type { Db } from "../../../db/client";
import { env } from "../../env";
import { AppError, echo, errorResponseParts, organizationNotFound, permissionDenied } from "../../errors";
import { log } from "../../log";
import { checkOrganizationAccess } from "../../services/access-checks";
import { resolveOrganization } from "../../services/organization-access";
import type { Page } from "../../services/page";
import { authenticate } from "../authenticate";
import { isJsonMediaType, readBodyBytes } from "../body";
import type { Family, Prepared } from "../family";

const WITH_BODY = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * The body, refused before anything else, authentication included: over 1 MiB is 413; a non-empty body that is not
 * JSON (`application/json` or a `+json` type) is 415, also when it names no media type at all, since nothing but JSON
 * is ever read; malformed JSON is 400. An empty body is no body.
 */
async function readBody(req: Request): Promise<unknown> {
  if (!WITH_BODY.has(req.method)) return undefined;
  const bytes = await readBodyBytes(req);
  if (bytes.byteLength === 0) return undefined;
  const type = req.headers.get("content-type");
  if (!isJsonMediaType(type)) {
    throw new AppError("unsupported_media_type", { detail: `Unsupported media type "${echo(type ?? "")}" in request.` });
  }
  const text = new TextDecoder().decode(bytes);
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("parse_error");
  }
}

export function json(status: number, body: unknown, requestId: string) {
  const headers: Record<string, string> = { "x-request-id": requestId };
  // A 401 names how to authenticate: that is what makes it a 401 rather than a 403.
  if (status === 401) headers["www-authenticate"] = 'Bearer realm="api"';
  if (status === 204) return new Response(null, { status, headers });
  return new Response(JSON.stringify(body), { status, headers: { ...headers, "content-type": "application/json" } });
}

function pageUrl(url: URL, limit: number, offset: number, numbered: boolean) {
  const next = new URL(url.pathname + url.search, env().SITE_URL);
  if (numbered) {
    next.searchParams.set("page_size", String(limit));
    next.searchParams.set("page", String(Math.floor(offset / limit) + 1));
    return next.toString();
  }
  next.searchParams.set("limit", String(limit));
  if (offset > 0) next.searchParams.set("offset", String(offset));
  else next.searchParams.delete("offset");
  return next.toString();
}

/** The list envelope, `{count, next, previous, results}`, with absolute `next`/`previous` links built from SITE_URL. */
export function pageBody<T>(page: Page<T>, url: URL) {
  const { limit, offset } = page.pagination;
  return {
    count: page.count,
    next: offset + limit < page.count ? pageUrl(url, limit, offset + limit, page.numbered) : null,
    previous: offset > 0 ? pageUrl(url, limit, Math.max(0, offset - limit), page.numbered) : null,
    results: page.results,
  };
}

/** The error body for anything thrown; an unexpected error is logged in full and shown as a bare 500. */
export function error(err: unknown, requestId: string) {
  const { status, wireBody, expected } = errorResponseParts(err);
  if (!expected) log.error({ err, request_id: requestId }, "unexpected error");
  const response = wireBody === null ? new Response(null, { status, headers: { "x-request-id": requestId } }) : json(status, wireBody, requestId);
  if (err instanceof AppError && err.retryAfter !== undefined) response.headers.set("retry-after", String(err.retryAfter));
  return response;
}

/** A method the path lacks answers 405 only after authentication and the organization's membership checks pass. */
async function beforeMethodNotAllowed(db: Db, prepared: Prepared) {
  const principal = await authenticate(db, prepared.req, prepared.url.searchParams, prepared.body, prepared.requestId);
  if (!principal) throw new AppError("not_authenticated");
  // A machine caller (a service account's token) is known but reaches no `/api` path: refused, as by every operation.
  if (!principal.user) throw permissionDenied();
  const organizationId = prepared.params.organization_id;
  if (organizationId === undefined) return;
  const access = await resolveOrganization(db, principal.user, organizationId);
  if (!access) throw organizationNotFound();
  checkOrganizationAccess(principal, access, { permission: "organization:read" }, new Date());
}

/** `/api`: personal API keys and the session cookie, JSON bodies, limit/offset lists, `{type, code, detail, attr}`. */
export const apiFamily: Family = {
  readBody,
  authenticate: (db, p) => authenticate(db, p.req, p.url.searchParams, p.body, p.requestId),
  value: json,
  list: pageBody,
  error,
  beforeMethodNotAllowed,
};
