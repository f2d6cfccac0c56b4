/**
 * Where to send someone back to after signing in or out. A value is accepted only when, read as a URL against the
 * site's URL, it lands on the site's own origin; anything else (another host, a backslash or tab trick, a scheme
 * change) falls back. The result is a path, never an absolute or protocol-relative URL. Client-safe.
 */
export function safeReturnPath(value: unknown, siteUrl: string, fallback = "/"): string {
  if (typeof value !== "string" || value === "") return fallback;
  let url: URL;
  try {
    url = new URL(value, siteUrl);
  } catch {
    return fallback;
  }
  if (url.origin !== new URL(siteUrl).origin) return fallback;
  // `//host` as a path would be read by the browser as another host.
  return `${url.pathname.replace(/^\/+/, "/")}${url.search}${url.hash}`;
}
