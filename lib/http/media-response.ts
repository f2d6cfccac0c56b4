import "server-only";
import { getDb } from "../../db/client";
import { defaultAdapters } from "../adapters";
import { env } from "../env";
import { readMedia } from "../services/organization-logo";
import { authenticate } from "./authenticate";
import { setSecurityHeaders } from "./security-headers";

/**
 * Nothing in a served image may run or load anything, even when it is opened on its own: an SVG is a document that
 * could hold script. `sandbox` also gives it an opaque origin, away from the console's cookies.
 */
export const MEDIA_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

function notFound() {
  const headers = new Headers({ "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
  setSecurityHeaders(headers, env().SITE_URL);
  return new Response("Not found.", { status: 404, headers });
}

/**
 * An uploaded image (`GET /media/<id>`): to signed-in members of its organization, or with the signed link
 * (`?sig=`) of invitation emails and pages. Anyone else, like an unknown id, gets 404.
 */
export async function mediaResponse(req: Request, mediaId: string) {
  const db = await getDb();
  const url = new URL(req.url);
  const principal = await authenticate(db, req, url.searchParams, null).catch(() => null);
  const image = await readMedia(db, defaultAdapters(), { mediaId, principal, signature: url.searchParams.get("sig") });
  if (!image) return notFound();
  const headers = new Headers({
    "content-type": image.contentType,
    "content-length": String(image.bytes.length),
    "content-security-policy": MEDIA_CSP,
    // An image never changes under its id (a new upload gets a new one); who may see it depends on the caller.
    "cache-control": "private, max-age=3600",
    etag: `"${image.sha256}"`,
  });
  setSecurityHeaders(headers, env().SITE_URL);
  if (req.headers.get("if-none-match") === `"${image.sha256}"`) return new Response(null, { status: 304, headers });
  return new Response(image.bytes, { headers });
}
