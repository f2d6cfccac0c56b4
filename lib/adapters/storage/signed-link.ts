import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { checkExpiresIn, checkFilename, checkKey, isStorageKey } from "./keys";

/** Where Orgdeck serves stored objects to the holders of a signed link. */
export const STORAGE_PATH = "/api/storage/";

export type LinkOptions = { expiresInSeconds: number; now: Date; secret: string; filename?: string };

/**
 * The links' own key, derived from the instance secret under a label of its own: a signature made for anything else
 * (sessions, invitations) can never pass for a download link, nor one of these for them.
 */
function linkKey(secret: string) {
  return Buffer.from(hkdfSync("sha256", secret, "orgdeck", "orgdeck storage link v1", 32));
}

/** The MAC of what a link grants: this key, until then, under this file name (a JSON list, so no two read alike). */
function signature(secret: string, key: string, expires: string, filename: string | null) {
  return createHmac("sha256", linkKey(secret)).update(JSON.stringify([key, expires, filename])).digest("base64url");
}

/**
 * An absolute link to GET the object at `key` until `now + expiresInSeconds` (whole seconds): `<site>/api/storage/<key>
 * ?expires=<unix seconds>&signature=<base64url HMAC-SHA256>`, with `&filename=` (signed too) when given.
 */
export function signStorageLink(siteUrl: string, key: string, options: LinkOptions) {
  const expires = String(Math.floor(options.now.getTime() / 1000) + checkExpiresIn(options.expiresInSeconds));
  const filename = options.filename === undefined ? null : checkFilename(options.filename);
  const query = new URLSearchParams({ expires, signature: signature(options.secret, checkKey(key), expires, filename) });
  if (filename !== null) query.set("filename", filename);
  return `${siteUrl}${STORAGE_PATH}${key}?${query}`;
}

/**
 * Whether a link's parts are ones this instance signed and the link has not expired at `now` (it stops working at its
 * `expires` second). Any change to the key, the expiry, the file name or the signature fails; the comparison takes the
 * same time wherever the signatures differ.
 */
export function verifyStorageLink(link: {
  secret: string;
  key: string;
  expires: string | null;
  signature: string | null;
  filename: string | null;
  now: Date;
}) {
  const { key, expires, filename } = link;
  if (!isStorageKey(key) || !expires || !/^[1-9]\d{0,11}$/.test(expires) || !link.signature) return false;
  if (!/^[\w-]{43}$/.test(link.signature)) return false;
  // The text is compared, not the decoded bytes: the last character's two spare bits must not admit a second spelling.
  const expected = Buffer.from(signature(link.secret, key, expires, filename));
  if (!timingSafeEqual(Buffer.from(link.signature), expected)) return false;
  return link.now.getTime() < Number(expires) * 1000;
}
