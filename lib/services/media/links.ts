import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "../../env";
import { mediaPath } from "../../schemas/media";

function mac(secret: string, mediaId: string) {
  return createHmac("sha256", secret).update(`orgdeck-media:${mediaId}`).digest().subarray(0, 16);
}

/**
 * An absolute image URL that works without a session, for places that cannot send one: invitation emails (mail
 * clients have no cookies) and the invitation page (the link holder is not yet a member). It carries a signature of
 * the media id, so knowing an id alone opens nothing; it stops working when the image is replaced or removed.
 */
export function signedMediaUrl(secret: string, mediaId: string) {
  return `${env().SITE_URL}${mediaPath(mediaId)}?sig=${mac(secret, mediaId).toString("base64url")}`;
}

/** Whether `sig` is this media id's signature. */
export function verifyMediaSignature(secret: string, mediaId: string, sig: string | null) {
  if (!sig || !/^[\w-]{22}$/.test(sig)) return false;
  return timingSafeEqual(Buffer.from(sig, "base64url"), mac(secret, mediaId));
}
