/**
 * Response headers that protect browsers, for the API and the pages alike: no MIME sniffing, no full URLs sent to
 * other sites in Referer, no framing by anyone, and HSTS when the site is served over https. Pages also get a
 * Content-Security-Policy built here, with a fresh nonce per request. Plain functions: the proxy and the route
 * handlers both use them.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
};

const HSTS = "max-age=31536000; includeSubDomains";

export function setSecurityHeaders(headers: Headers, siteUrl: string) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
  if (siteUrl.startsWith("https://")) headers.set("strict-transport-security", HSTS);
}

/** The same headers on a response built outside the router (health checks, next-auth's routes). */
export function withSecurityHeaders(response: Response, siteUrl: string) {
  try {
    setSecurityHeaders(response.headers, siteUrl);
    return response;
  } catch {
    // `Response.redirect()` and fetched responses have immutable headers: answer a copy.
    const copy = new Response(response.body, response);
    setSecurityHeaders(copy.headers, siteUrl);
    return copy;
  }
}

/** 128 random bits, base64: unguessable, and new for every page response. */
export function newNonce() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The pages' policy. Scripts run only with this response's nonce (and what they load, `strict-dynamic`); styles come
 * from the site, inline style attributes included (React and the theme set them); images from the site, data: URLs
 * or any https site (people's pictures are hosted by their identity provider); no plugins, no <base> elsewhere, no framing. Forms post to the site, or to the identity provider: signing in
 * is a form whose answer redirects there.
 */
export function contentSecurityPolicy(nonce: string, formTargets: readonly string[] = []) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action ${["'self'", ...formTargets].join(" ")}`,
    "frame-ancestors 'none'",
  ].join("; ");
}
