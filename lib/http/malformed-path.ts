import { AppError } from "../errors";
import { setSecurityHeaders } from "./security-headers";

/** True when a path holds a percent-escape that does not decode: `%ZZ`, a lone `%`, or bytes that are not UTF-8 (`%C0%AF`). */
export function hasMalformedEscape(pathname: string) {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

/**
 * The API's 404 for a path that does not decode. Next.js decodes a dynamic segment before any route handler runs and
 * answers a plain-text 500 when it cannot, so the proxy, which runs before that decoding, answers these paths instead.
 */
export function malformedApiPathResponse(siteUrl: string): Response {
  const error = new AppError("not_found");
  const headers = new Headers({ "content-type": "application/json", "x-request-id": crypto.randomUUID() });
  setSecurityHeaders(headers, siteUrl);
  return new Response(JSON.stringify(error.body), { status: error.status, headers });
}
