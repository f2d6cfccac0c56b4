import "server-only";
import { randomUUID } from "node:crypto";
import { getDb } from "../../db/client";
import { defaultAdapters } from "../adapters";
import { contentTypeOf, defaultFilename, verifyStorageLink, type ObjectStorage } from "../adapters/storage";
import { env } from "../env";
import { AppError } from "../errors";
import { contentDisposition } from "../format/content-disposition";
import { getAuthSecret } from "../services/instance";
import { error } from "./families/api";
import { setSecurityHeaders, withSecurityHeaders } from "./security-headers";

/** Nothing a served file holds may run or load anything, even opened on its own: no sources, and an opaque origin. */
const FILE_CSP = "default-src 'none'; sandbox";

export type StorageLinkContext = { storage: ObjectStorage; secret: string; now: Date; siteUrl: string };

async function serve(req: Request, key: string, context: StorageLinkContext): Promise<Response> {
  const query = new URL(req.url).searchParams;
  const filename = query.get("filename");
  const link = { key, expires: query.get("expires"), signature: query.get("signature"), filename };
  // The link is checked before the object is looked up: without a valid one, nobody learns whether a key exists.
  if (!verifyStorageLink({ ...link, secret: context.secret, now: context.now })) throw new AppError("storage_link_invalid");
  const bytes = await context.storage.get(key);
  if (!bytes) throw new AppError("not_found");
  return new Response(bytes, {
    headers: {
      "content-type": contentTypeOf(key),
      "content-length": String(bytes.byteLength),
      "content-disposition": contentDisposition("attachment", filename ?? defaultFilename(key)),
      "content-security-policy": FILE_CSP,
      // The link is someone's for a minute: no shared cache may keep the file, and no browser cache either.
      "cache-control": "private, no-store",
    },
  });
}

/**
 * A stored object through a signed link (`GET /api/storage/<key>?expires=…&signature=…[&filename=…]`), downloaded
 * as an attachment. A tampered or expired link is 403 and a missing object 404, in the API's error body.
 */
export async function storageLinkResponse(req: Request, key: string, context: StorageLinkContext): Promise<Response> {
  const requestId = randomUUID();
  let response: Response;
  try {
    response = await serve(req, key, context);
    response.headers.set("x-request-id", requestId);
  } catch (err) {
    response = error(err, requestId);
  }
  setSecurityHeaders(response.headers, context.siteUrl);
  return response;
}

/** The route's handler: this instance's storage, its secret and the time now. */
export async function storageResponse(req: Request, key: string) {
  const { SITE_URL: siteUrl } = env();
  let secret;
  try {
    secret = await getAuthSecret(await getDb());
  } catch (err) {
    return withSecurityHeaders(error(err, randomUUID()), siteUrl);
  }
  return storageLinkResponse(req, key, { storage: defaultAdapters().storage, secret, now: new Date(), siteUrl });
}

/** Any other method: 405 in the API's error body (a link only reads). */
export async function storageMethodNotAllowed(req: Request) {
  const err = new AppError("method_not_allowed", { detail: `Method "${req.method}" not allowed.` });
  return withSecurityHeaders(error(err, randomUUID()), env().SITE_URL);
}
