import { env } from "../env";
import { errorResponseParts } from "../errors";
import { log } from "../log";
import { Page } from "../services/page";

function pageUrl(url: URL, limit: number, offset: number) {
  const next = new URL(url.pathname + url.search, env().SITE_URL);
  next.searchParams.set("limit", String(limit));
  if (offset > 0) next.searchParams.set("offset", String(offset));
  else next.searchParams.delete("offset");
  return next.toString();
}

/** The list envelope with absolute `next`/`previous` links built from SITE_URL (api-behavior §1.5). */
export function pageBody<T>(page: Page<T>, url: URL) {
  const { limit, offset } = page.pagination;
  return {
    count: page.count,
    next: offset + limit < page.count ? pageUrl(url, limit, offset + limit) : null,
    previous: offset > 0 ? pageUrl(url, limit, Math.max(0, offset - limit)) : null,
    results: page.results,
  };
}

export function json(status: number, body: unknown, requestId: string) {
  const headers: Record<string, string> = { "x-request-id": requestId };
  // A 401 names how to authenticate (why it is 401 and not 403, api-behavior §1.2).
  if (status === 401) headers["www-authenticate"] = 'Bearer realm="api"';
  if (status === 204) return new Response(null, { status, headers });
  return new Response(JSON.stringify(body), { status, headers: { ...headers, "content-type": "application/json" } });
}

/** The error body for anything thrown; an unexpected error is logged in full and shown as a bare 500. */
export function errorResponse(err: unknown, requestId: string) {
  const { status, body, expected } = errorResponseParts(err);
  if (!expected) log.error({ err, request_id: requestId }, "unexpected error");
  return json(status, body, requestId);
}
