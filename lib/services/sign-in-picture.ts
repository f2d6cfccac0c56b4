import { isLoopbackUrl } from "../env";

/** The longest picture URL kept; a longer one is dropped rather than cut (a cut URL would point elsewhere). */
export const PICTURE_MAX_LENGTH = 2048;

/**
 * The identity provider's `picture` claim as a URL the console may show: https, or http on this machine (the
 * development provider), with no credentials in it and no longer than 2048 characters. Anything else is null.
 */
export function pictureFromClaim(claim: unknown): string | null {
  if (typeof claim !== "string" || claim.length > PICTURE_MAX_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(claim.trim());
  } catch {
    return null;
  }
  const allowed = url.protocol === "https:" || (url.protocol === "http:" && isLoopbackUrl(url.href));
  if (!allowed || url.username || url.password) return null;
  return url.href.length <= PICTURE_MAX_LENGTH ? url.href : null;
}
