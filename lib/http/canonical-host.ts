import type { TrustedProxies } from "./client-address";

/** The request header by which the proxy tells the root layout which path to send to SITE_URL (always reset by it). */
export const CANONICAL_PATH_HEADER = "x-orgdeck-canonical-path";

/**
 * The path and query of a page request that reached the server under another host than SITE_URL's (say `127.0.0.1`
 * while the site is `localhost`), to be opened on SITE_URL instead, so that sign-in's cookies and the identity
 * provider's redirect stay on one origin; null when the host is SITE_URL's. Behind declared proxies (TRUSTED_PROXIES)
 * the host is the one they forward in `X-Forwarded-Host`, and without one nothing moves: the Host such a proxy sends
 * need not be the public one.
 */
export function offSiteRequestPath(request: { url: string; headers: Headers }, siteUrl: string, trusted: TrustedProxies): string | null {
  const forwarded = request.headers.get("x-forwarded-host")?.split(",")[0].trim();
  const host = trusted.kind === "none" ? request.headers.get("host") : forwarded;
  if (!host || host.toLowerCase() === new URL(siteUrl).host.toLowerCase()) return null;
  const { pathname, search } = new URL(request.url);
  return `${pathname}${search}`;
}
