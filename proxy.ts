import { NextResponse, type NextRequest } from "next/server";
import { identityProviderOrigin } from "./lib/auth/oidc-settings";
import { env } from "./lib/env";
import { contentSecurityPolicy, newNonce, setSecurityHeaders } from "./lib/http/security-headers";
import { CANONICAL_PATH_HEADER, offSiteRequestPath } from "./lib/http/canonical-host";
import { hasMalformedEscape, malformedApiPathResponse } from "./lib/http/malformed-path";

/**
 * Pages only: a Content-Security-Policy with a fresh nonce, which Next.js reads from the request's copy of the
 * header and puts on its own scripts (the root layout passes `x-nonce` to ours), plus the headers every response
 * carries. Protocol endpoints set theirs in lib/http and stay out of the matcher: a proxy buffers request bodies.
 */
export function proxy(request: NextRequest) {
  const { pathname } = new URL(request.url);
  if (pathname.startsWith("/api/") || pathname.startsWith("/directory/")) {
    return hasMalformedEscape(pathname) ? malformedApiPathResponse(env().SITE_URL) : NextResponse.next();
  }
  const nonce = newNonce();
  const idp = identityProviderOrigin();
  const csp = contentSecurityPolicy(nonce, idp ? [idp] : []);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // The root layout sends a page reached under another host to SITE_URL. (A redirect answered here would lose its
  // host: Next.js rewrites a proxy's redirect to SITE_URL into a relative one when the site is on localhost.)
  const offSite = offSiteRequestPath(request, env().SITE_URL, env().TRUSTED_PROXIES);
  if (offSite) requestHeaders.set(CANONICAL_PATH_HEADER, offSite);
  else requestHeaders.delete(CANONICAL_PATH_HEADER);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  setSecurityHeaders(response.headers, env().SITE_URL);
  return response;
}

export const config = {
  matcher: [
    // API and directory paths only when they hold a percent sign: Next.js fails on an escape that does not decode before any route
    // handler runs, so the proxy answers those with the API's 404 (every other API request stays out of the proxy).
    "/api/(.*%.*)",
    "/directory/(.*%.*)",
    {
      source:
        "/((?!api(?:/|$)|scim(?:/|$)|oauth(?:/|$)|directory(?:/|$)|saml(?:/|$)|\\.well-known(?:/|$)|healthz(?:/|$)|readyz(?:/|$)|media/|_next/static/|_next/image|favicon\\.svg$|favicon\\.ico$).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
